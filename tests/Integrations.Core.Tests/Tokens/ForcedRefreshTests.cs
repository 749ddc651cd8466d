namespace Integrations.Core.Tests.Tokens;

/// <summary><see cref="IAccessTokenProvider.RefreshAccessTokenAsync"/>: the provider rejected a token (401).</summary>
public sealed class ForcedRefreshTests
{
    [Fact]
    public async Task Forced_refresh_returns_the_current_token_when_another_one_was_rejected()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1));
        var current = await host.Tokens.GetAccessTokenAsync(integration.Key);

        var token = await host.Tokens.RefreshAccessTokenAsync(integration.Key, new AccessToken("access-old", "Bearer", null));

        Assert.Same(current, token);
        Assert.Equal(0, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Forced_refresh_uses_a_token_another_process_already_stored()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1));
        var rejected = await host.Tokens.GetAccessTokenAsync(integration.Key);
        await host.StoreTokensAsync(integration, "access-other-process");

        var token = await host.Tokens.RefreshAccessTokenAsync(integration.Key, rejected);

        Assert.Equal("access-other-process", token.Value);
        Assert.Equal(0, host.OAuth.RefreshCount);
        Assert.Equal("access-other-process", (await host.Tokens.GetAccessTokenAsync(integration.Key)).Value);
    }

    [Fact]
    public async Task Forced_refresh_of_the_rejected_token_is_sent_once_for_concurrent_callers()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1));
        var rejected = await host.Tokens.GetAccessTokenAsync(integration.Key);
        var gate = host.OAuth.HoldRefreshes();

        var calls = new Task<AccessToken>[50];
        Parallel.For(0, calls.Length, i => calls[i] = host.Tokens.RefreshAccessTokenAsync(integration.Key, rejected).AsTask());
        await host.OAuth.RefreshStarted.Task.WaitAsync(TokenTestHost.Patience);
        gate.SetResult();
        var tokens = await Task.WhenAll(calls).WaitAsync(TokenTestHost.Patience);

        Assert.All(tokens, token => Assert.Equal("access-1", token.Value));
        Assert.Equal(1, host.OAuth.RefreshCount);
        Assert.Equal("access-1", (await host.Tokens.GetAccessTokenAsync(integration.Key)).Value);
    }

    [Fact]
    public async Task Forced_refresh_without_a_rejected_token_always_refreshes()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1));

        var first = await host.Tokens.RefreshAccessTokenAsync(integration.Key, rejectedToken: null);
        var second = await host.Tokens.RefreshAccessTokenAsync(integration.Key, rejectedToken: null);

        Assert.Equal("access-1", first.Value);
        Assert.Equal("access-2", second.Value);
        Assert.Equal(2, host.OAuth.RefreshCount);
    }

    [Fact]
    public async Task Forced_refresh_that_fails_for_now_does_not_hand_back_the_rejected_token()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(TimeSpan.FromHours(1));
        var rejected = await host.Tokens.GetAccessTokenAsync(integration.Key);
        host.OAuth.Failure = new IntegrationException(IntegrationErrorCode.RateLimitExceeded, "429") { IsTransient = true, RetryAfter = TimeSpan.FromSeconds(5) };

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.RefreshAccessTokenAsync(integration.Key, rejected).AsTask());

        Assert.Equal(IntegrationErrorCode.RateLimitExceeded, error.Code);
        Assert.Equal(TimeSpan.FromSeconds(5), error.RetryAfter);
        Assert.Equal("access-0", (await host.StoredTokensAsync(integration)).AccessToken);
    }

    [Fact]
    public async Task Forced_refresh_of_a_token_that_cannot_be_refreshed_requires_reauthorization()
    {
        await using var host = new TokenTestHost();
        var integration = await host.SeedAsync(expiresIn: null, refreshToken: null);
        var rejected = await host.Tokens.GetAccessTokenAsync(integration.Key);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Tokens.RefreshAccessTokenAsync(integration.Key, rejected).AsTask());

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
        Assert.Equal(IntegrationStatus.ReauthorizationRequired, (await host.ReadAsync(integration)).Status);
    }
}
