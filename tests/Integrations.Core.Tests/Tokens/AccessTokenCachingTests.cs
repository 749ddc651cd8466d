namespace Integrations.Core.Tests.Tokens;

/// <summary>The hot path and the refresh windows.</summary>
public sealed class AccessTokenCachingTests
{
    [Fact]
    public async Task Cached_token_is_returned_without_reading_the_store_or_calling_the_provider()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1));
        var first = await host.Tokens.GetAccessTokenAsync(integration.Key);
        var readsAfterLoad = host.Store.Reads;

        for (var i = 0; i < 100; i++)
        {
            var call = host.Tokens.GetAccessTokenAsync(integration.Key);
            Assert.True(call.IsCompletedSuccessfully);
            Assert.Same(first, await call);
        }

        Assert.Equal("access-0", first.Value);
        Assert.Equal(readsAfterLoad, host.Store.Reads);
        Assert.Equal(0, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Token_in_the_refresh_ahead_window_is_returned_while_one_background_refresh_runs()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1));
        var current = await host.Tokens.GetAccessTokenAsync(integration.Key);
        var gate = host.OAuth.HoldRefreshes();
        host.Time.Advance(TimeSpan.FromMinutes(57)); // 3 minutes left: inside the 5-minute window, outside the 1-minute one

        for (var i = 0; i < 20; i++)
        {
            var call = host.Tokens.GetAccessTokenAsync(integration.Key);
            Assert.True(call.IsCompletedSuccessfully);
            Assert.Same(current, await call);
        }

        await host.OAuth.RefreshStarted.Task.WaitAsync(TokenTestHost.Patience);
        gate.SetResult();
        await host.World.Events.WaitForAsync(IntegrationEventType.TokenRefreshed);

        Assert.Equal("access-1", (await host.Tokens.GetAccessTokenAsync(integration.Key)).Value);
        Assert.Equal(1, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Token_in_the_must_refresh_window_makes_callers_wait_for_the_refresh()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1));
        await host.Tokens.GetAccessTokenAsync(integration.Key);
        var gate = host.OAuth.HoldRefreshes();
        host.Time.Advance(TimeSpan.FromMinutes(59.5)); // 30 seconds left

        var call = host.Tokens.GetAccessTokenAsync(integration.Key).AsTask();
        await host.OAuth.RefreshStarted.Task.WaitAsync(TokenTestHost.Patience);
        Assert.False(call.IsCompleted);
        gate.SetResult();

        Assert.Equal("access-1", (await call).Value);
        Assert.Equal(1, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Expired_token_is_refreshed_and_the_new_one_cached()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromMinutes(-5));

        var token = await host.Tokens.GetAccessTokenAsync(integration.Key);
        var again = host.Tokens.GetAccessTokenAsync(integration.Key);

        Assert.Equal("access-1", token.Value);
        Assert.Equal(host.Time.GetUtcNow().AddHours(1), token.ExpiresAt);
        Assert.True(again.IsCompletedSuccessfully);
        Assert.Same(token, await again);
        Assert.Equal("refresh-0", Assert.Single(host.OAuth.Requests).Current.RefreshToken);
        Assert.Equal(1, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Token_without_expiry_is_never_refreshed_ahead()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(expiresIn: null);

        await host.Tokens.GetAccessTokenAsync(integration.Key);
        host.Time.Advance(TimeSpan.FromDays(3650));
        var token = await host.Tokens.GetAccessTokenAsync(integration.Key);

        Assert.Equal("access-0", token.Value);
        Assert.Equal(0, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Short_lived_tokens_get_windows_fitted_to_their_lifetime()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1));
        host.OAuth.Respond = (_, n) => new TokenSet($"access-{n}") { RefreshToken = "refresh", ExpiresAt = host.Time.GetUtcNow().AddSeconds(60) };
        await host.Tokens.RefreshAccessTokenAsync(integration.Key, rejectedToken: null);

        // Born inside the 5-minute window, a 60-second token is still used as it is for half its life...
        host.Time.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal("access-1", (await host.Tokens.GetAccessTokenAsync(integration.Key)).Value);
        Assert.Equal(1, host.OAuth.RefreshCount);

        // ...and callers wait for a new one only in its last quarter.
        host.Time.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal("access-2", (await host.Tokens.GetAccessTokenAsync(integration.Key)).Value);
        Assert.Equal(2, host.OAuth.RefreshCount);
    }

    [Theory]
    [InlineData("tenant-a", "user-2")]
    [InlineData("tenant-b", "user-1")]
    [InlineData(null, "user-1")]
    public async Task Another_owner_never_gets_a_cached_token(string? tenantId, string userId)
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1));
        await host.Tokens.GetAccessTokenAsync(integration.Key);

        var error = await Assert.ThrowsAsync<IntegrationException>(() =>
            host.Tokens.GetAccessTokenAsync(new IntegrationKey(integration.Id, new IntegrationOwner(tenantId, userId))).AsTask());

        Assert.Equal(IntegrationErrorCode.IntegrationNotFound, error.Code);
        Assert.Equal("access-0", (await host.Tokens.GetAccessTokenAsync(integration.Key)).Value);
    }

    [Fact]
    public async Task Unknown_integration_is_not_found()
    {
        await using var host = new TokenTestHost();

        var error = await Assert.ThrowsAsync<IntegrationException>(() =>
            host.Tokens.GetAccessTokenAsync(new IntegrationKey(Guid.NewGuid(), TokenTestHost.Owner)).AsTask());

        Assert.Equal(IntegrationErrorCode.IntegrationNotFound, error.Code);
    }

    [Theory]
    [InlineData(IntegrationStatus.Disabled, IntegrationErrorCode.IntegrationInactive)]
    [InlineData(IntegrationStatus.Revoked, IntegrationErrorCode.IntegrationInactive)]
    [InlineData(IntegrationStatus.Error, IntegrationErrorCode.IntegrationInactive)]
    [InlineData(IntegrationStatus.ReauthorizationRequired, IntegrationErrorCode.ReauthorizationRequired)]
    public async Task Inactive_integration_gives_no_token(IntegrationStatus status, IntegrationErrorCode expected)
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1), status: status);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask());

        Assert.Equal(expected, error.Code);
        Assert.Equal(0, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Invalidated_integration_is_read_from_the_store_again()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1));
        await host.Tokens.GetAccessTokenAsync(integration.Key);
        await host.StoreTokensAsync(integration, "access-reconnected");

        Assert.Equal("access-0", (await host.Tokens.GetAccessTokenAsync(integration.Key)).Value);
        host.Cache.Invalidate(integration.Id);

        Assert.Equal("access-reconnected", (await host.Tokens.GetAccessTokenAsync(integration.Key)).Value);
        Assert.Equal(0, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Last_used_is_written_when_tokens_are_loaded_not_on_every_call()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1));
        var loadedAt = host.Time.GetUtcNow();

        await host.Tokens.GetAccessTokenAsync(integration.Key);
        var afterLoad = await host.ReadAsync(integration);
        host.Time.Advance(TimeSpan.FromMinutes(10));
        await host.Tokens.GetAccessTokenAsync(integration.Key);

        Assert.Equal(loadedAt, afterLoad.Health.LastUsedAt);
        Assert.Equal(afterLoad.Version, (await host.ReadAsync(integration)).Version);
    }
}
