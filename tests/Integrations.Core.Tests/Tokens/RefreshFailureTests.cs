using Microsoft.AspNetCore.DataProtection;

namespace Integrations.Core.Tests.Tokens;

/// <summary>What a failed or impossible refresh does to the integration and to the callers.</summary>
public sealed class RefreshFailureTests
{
    private static IntegrationException InvalidGrant() =>
        new(IntegrationErrorCode.ReauthorizationRequired, "The grant is no longer valid.") { ProviderError = "invalid_grant", StatusCode = 400 };

    private static IntegrationException ServerError() =>
        new(IntegrationErrorCode.ProviderUnavailable, "The token endpoint answered 503.") { IsTransient = true, StatusCode = 503 };

    [Fact]
    public async Task Invalid_grant_marks_reauthorization_required_and_fails_every_waiting_caller()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        var gate = host.OAuth.HoldRefreshes();
        host.OAuth.Failure = InvalidGrant();

        var calls = Enumerable.Range(0, 5).Select(_ => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask()).ToList();
        gate.SetResult();

        foreach (var call in calls)
        {
            var error = await Assert.ThrowsAsync<IntegrationException>(() => call.WaitAsync(TokenTestHost.Patience));
            Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
            Assert.Equal(integration.Id, error.IntegrationId);
            Assert.Equal("invalid_grant", error.ProviderError);
        }

        var stored = await host.ReadAsync(integration);
        Assert.Equal(IntegrationStatus.ReauthorizationRequired, stored.Status);
        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, stored.Health.LastErrorCode);
        Assert.Equal(integration.Tokens, stored.Tokens);
        var raised = await host.World.Events.WaitForAsync(IntegrationEventType.ReauthorizationRequired);
        Assert.Equal(integration.Id, raised.Integration.Id);
        Assert.Equal(1, host.World.Events.Count(IntegrationEventType.ReauthorizationRequired));

        var next = await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask());
        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, next.Code);
        Assert.Equal(1, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Transient_failure_keeps_the_tokens_and_counts_an_error()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        host.OAuth.Failure = ServerError();

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask());

        Assert.Equal(IntegrationErrorCode.ProviderUnavailable, error.Code);
        Assert.True(error.IsTransient);
        Assert.Equal(integration.Id, error.IntegrationId);
        var stored = await host.ReadAsync(integration);
        Assert.Equal(integration.Tokens, stored.Tokens);
        Assert.Equal(IntegrationStatus.Active, stored.Status);
        Assert.Equal(1, stored.Health.ConsecutiveErrors);
        Assert.Equal(IntegrationErrorCode.ProviderUnavailable, stored.Health.LastErrorCode);
    }

    [Theory]
    [InlineData("network")]
    [InlineData("bug")]
    public async Task Untyped_provider_failures_become_typed_errors(string failure)
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        host.OAuth.Failure = failure == "network" ? new HttpRequestException("connection refused") : new InvalidOperationException("provider bug");

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask());

        Assert.Equal(failure == "network" ? IntegrationErrorCode.ConnectionError : IntegrationErrorCode.InvalidResponse, error.Code);
        Assert.Equal(failure == "network", error.IsTransient);
        Assert.Equal(1, (await host.ReadAsync(integration)).Health.ConsecutiveErrors);
    }

    [Fact]
    public async Task Errors_reaching_the_threshold_set_status_error()
    {
        await using var host = new TokenTestHost(configure: o => o.MaxConsecutiveErrors = 3);
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        host.OAuth.Failure = ServerError();

        for (var i = 1; i <= 3; i++)
        {
            await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask());
            Assert.Equal(i == 3 ? IntegrationStatus.Error : IntegrationStatus.Active, (await host.ReadAsync(integration)).Status);
        }

        var changed = await host.World.Events.WaitForAsync(IntegrationEventType.StatusChanged);
        Assert.Equal(IntegrationStatus.Error, changed.Integration.Status);
        Assert.Equal(integration.Tokens, (await host.ReadAsync(integration)).Tokens);
        var inactive = await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask());
        Assert.Equal(IntegrationErrorCode.IntegrationInactive, inactive.Code);
        Assert.Equal(3, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Success_after_failures_resets_the_error_count()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1));
        host.OAuth.Failure = ServerError();
        await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask());
        host.OAuth.Failure = null;

        await host.Tokens.GetAccessTokenAsync(integration.Key);

        var stored = await host.ReadAsync(integration);
        Assert.Equal(0, stored.Health.ConsecutiveErrors);
        Assert.Null(stored.Health.LastErrorCode);
        Assert.Equal(host.Time.GetUtcNow(), stored.Health.LastUsedAt);
    }

    [Fact]
    public async Task Unexpired_token_is_still_handed_out_when_the_refresh_fails()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromSeconds(40)); // inside the must-refresh window
        host.OAuth.Failure = ServerError();

        var token = await host.Tokens.GetAccessTokenAsync(integration.Key);
        Assert.Equal("access-0", token.Value);
        Assert.Equal(1, host.OAuth.RefreshCount);
        Assert.Equal(1, (await host.ReadAsync(integration)).Health.ConsecutiveErrors);

        // No refresh storm: the next attempt waits for the retry delay, never past the token's expiry.
        host.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Same(token, await host.Tokens.GetAccessTokenAsync(integration.Key));
        Assert.Equal(1, host.OAuth.RefreshCount);

        host.Time.Advance(TimeSpan.FromSeconds(10));
        host.OAuth.Failure = null;
        Assert.Equal("access-2", (await host.Tokens.GetAccessTokenAsync(integration.Key)).Value);
    }

    [Fact]
    public async Task Failed_background_refresh_keeps_the_current_token_without_a_refresh_storm()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1));
        var token = await host.Tokens.GetAccessTokenAsync(integration.Key);
        host.OAuth.Failure = ServerError();
        host.Time.Advance(TimeSpan.FromMinutes(57));

        Assert.Same(token, await host.Tokens.GetAccessTokenAsync(integration.Key));
        await host.OAuth.RefreshStarted.Task.WaitAsync(TokenTestHost.Patience);
        await ((Internal.AccessTokenProvider)host.Tokens).WhenIdleAsync(integration.Id).WaitAsync(TokenTestHost.Patience);
        for (var i = 0; i < 10; i++)
        {
            Assert.Same(token, await host.Tokens.GetAccessTokenAsync(integration.Key));
        }

        Assert.Equal(1, host.OAuth.RefreshCount);
        Assert.Equal(1, (await host.ReadAsync(integration)).Health.ConsecutiveErrors);
    }

    [Fact]
    public async Task Expired_token_without_refresh_token_requires_reauthorization()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-1), refreshToken: null);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask());

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
        Assert.Equal(IntegrationStatus.ReauthorizationRequired, (await host.ReadAsync(integration)).Status);
        Assert.Equal(1, host.World.Events.Count(IntegrationEventType.ReauthorizationRequired));
        Assert.Equal(0, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Token_without_refresh_token_is_used_until_it_expires()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(10), refreshToken: null);

        host.Time.Advance(TimeSpan.FromMinutes(9.9));

        Assert.Equal("access-0", (await host.Tokens.GetAccessTokenAsync(integration.Key)).Value);
        Assert.Equal(IntegrationStatus.Active, (await host.ReadAsync(integration)).Status);
    }

    [Fact]
    public async Task Integration_without_tokens_requires_reauthorization()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1), withTokens: false);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask());

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
        Assert.Equal(IntegrationStatus.ReauthorizationRequired, (await host.ReadAsync(integration)).Status);
    }

    [Fact]
    public async Task Unreadable_tokens_require_reauthorization_and_change_nothing()
    {
        var world = new TokenWorld();
        await using var original = new TokenTestHost(world);
        await using var lostKeys = new TokenTestHost(world, dataProtection: new EphemeralDataProtectionProvider());
        var integration = await original.SeedAsync(TimeSpan.FromMinutes(-1));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => lostKeys.Tokens.GetAccessTokenAsync(integration.Key).AsTask());

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
        Assert.Equal(integration.Id, error.IntegrationId);
        Assert.Equal(integration, await original.ReadAsync(integration));
        Assert.Equal(0, world.OAuth.RefreshCount);
    }
}
