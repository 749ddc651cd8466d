using Integrations.Core.Tests.Tokens;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Core.Tests.Sandbox;

/// <summary>
/// The whole SDK against the sandbox, wired with <c>AddSandbox</c>: connect, profile, refresh with
/// rotation, failures at the token endpoint, revocation, refusal. One fake clock moves both.
/// </summary>
public sealed class SandboxSdkFlowTests
{
    [Fact]
    public async Task Connect_through_the_sandbox_creates_an_active_integration_with_the_account_profile()
    {
        await using var host = new SandboxSdkHost();

        var integration = await host.ConnectAsync();

        var account = host.Sandbox.Account;
        Assert.Equal(SandboxDefaults.Name, integration.Provider);
        Assert.Equal(IntegrationStatus.Active, integration.Status);
        Assert.Equal(account.Id, integration.Account.Id);
        Assert.Equal(account.Email, integration.Account.Email);
        Assert.Equal(account.Name, integration.Account.Name);
        Assert.Equal(SandboxDefaults.Scopes.Order(), integration.GrantedScopes.Order());
        var token = await host.GetTokenAsync(integration);
        Assert.True(host.Sandbox.TryValidateAccessToken(token.Value, out var owner));
        Assert.Equal(account.Id, owner.Id);
        Assert.Equal(1, host.Sandbox.Requests.CodeExchanges);
        Assert.Equal(1, host.Sandbox.ActiveGrantCount);
        Assert.Equal(1, host.Events.Count(IntegrationEventType.Connected));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(11)]
    [InlineData(100)]
    public async Task Expired_token_is_refreshed_once_with_rotation_for_concurrent_callers(int callers)
    {
        await using var host = new SandboxSdkHost();
        var integration = await host.ConnectAsync();
        var before = await host.StoredTokensAsync(integration);
        host.Time.Advance(SandboxSdkHost.TokenLifetime);
        Assert.False(host.Sandbox.TryValidateAccessToken(before.AccessToken, out _));

        var tokens = await host.Probe.CallWhileRefreshIsHeldAsync(callers, () => host.Tokens.GetAccessTokenAsync(integration.Key).AsTask(), TokenTestHost.Patience);

        Assert.Equal(1, host.Sandbox.Requests.Refreshes);
        Assert.Single(tokens.Select(t => t.Value).Distinct());
        Assert.NotEqual(before.AccessToken, tokens[0].Value);
        Assert.True(host.Sandbox.TryValidateAccessToken(tokens[0].Value, out _));
        var after = await host.StoredTokensAsync(integration);
        Assert.Equal(tokens[0].Value, after.AccessToken);
        Assert.NotNull(after.RefreshToken);
        Assert.NotEqual(before.RefreshToken, after.RefreshToken);
        Assert.Equal([before.RefreshToken!], host.Probe.RefreshTokensSent);
        Assert.Equal(1, host.Events.Count(IntegrationEventType.TokenRefreshed));
    }

    [Fact]
    public async Task Token_in_the_refresh_ahead_window_is_served_while_the_sandbox_refreshes_it_in_the_background()
    {
        await using var host = new SandboxSdkHost();
        var integration = await host.ConnectAsync();
        var first = await host.GetTokenAsync(integration);

        // Ten-minute tokens: refreshed ahead from 2.5 minutes before expiry (a quarter of the lifetime).
        host.Time.Advance(SandboxSdkHost.TokenLifetime - TimeSpan.FromMinutes(2));
        var served = await host.GetTokenAsync(integration);
        await host.Events.WaitForAsync(IntegrationEventType.TokenRefreshed);

        Assert.Same(first, served);
        Assert.Equal(1, host.Sandbox.Requests.Refreshes);
        var refreshed = await host.GetTokenAsync(integration);
        Assert.NotEqual(first.Value, refreshed.Value);
        Assert.True(host.Sandbox.TryValidateAccessToken(refreshed.Value, out _));
    }

    [Fact]
    public async Task Invalid_grant_marks_the_integration_for_reauthorization_and_raises_the_event()
    {
        await using var host = new SandboxSdkHost();
        var integration = await host.ConnectAsync();
        host.Time.Advance(SandboxSdkHost.TokenLifetime);
        host.Sandbox.Failures.EnqueueTokenFailure(SandboxFailure.InvalidGrant);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.GetTokenAsync(integration));

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
        Assert.Equal(integration.Id, error.IntegrationId);
        Assert.Equal(IntegrationStatus.ReauthorizationRequired, (await host.ReadAsync(integration)).Status);
        var raised = await host.Events.WaitForAsync(IntegrationEventType.ReauthorizationRequired);
        Assert.Equal(integration.Id, raised.Integration.Id);

        // Marked for good: later callers are told at once, the sandbox is not asked again.
        var again = await Assert.ThrowsAsync<IntegrationException>(() => host.GetTokenAsync(integration));
        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, again.Code);
        Assert.Equal(1, host.Sandbox.Requests.Refreshes);
    }

    public static TheoryData<string, SandboxFailure, IntegrationErrorCode> TransientFailures => new()
    {
        { "429", SandboxFailure.TooManyRequests(TimeSpan.FromSeconds(45)), IntegrationErrorCode.RateLimitExceeded },
        { "500", SandboxFailure.ServerError, IntegrationErrorCode.ProviderUnavailable },
    };

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public async Task Throttled_or_failing_refresh_keeps_the_tokens_counts_an_error_and_throws_a_transient_error(string status, SandboxFailure failure, IntegrationErrorCode expected)
    {
        await using var host = new SandboxSdkHost();
        var integration = await host.ConnectAsync();
        var before = await host.StoredTokensAsync(integration);
        host.Time.Advance(SandboxSdkHost.TokenLifetime);
        host.Sandbox.Failures.EnqueueTokenFailure(failure);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.GetTokenAsync(integration));

        Assert.Equal(expected, error.Code);
        Assert.True(error.IsTransient, status);
        Assert.Equal(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), error.StatusCode);
        if (expected == IntegrationErrorCode.RateLimitExceeded)
        {
            Assert.Equal(TimeSpan.FromSeconds(45), error.RetryAfter);
        }

        var stored = await host.ReadAsync(integration);
        Assert.Equal(IntegrationStatus.Active, stored.Status);
        Assert.Equal(1, stored.Health.ConsecutiveErrors);
        Assert.Equal(expected, stored.Health.LastErrorCode);
        Assert.Equal(before.RefreshToken, (await host.StoredTokensAsync(integration)).RefreshToken);

        // The kept refresh token still works: the next caller refreshes and the error count resets.
        var token = await host.GetTokenAsync(integration);
        Assert.True(host.Sandbox.TryValidateAccessToken(token.Value, out _));
        Assert.Equal(0, (await host.ReadAsync(integration)).Health.ConsecutiveErrors);
        Assert.Equal([before.RefreshToken!, before.RefreshToken!], host.Probe.RefreshTokensSent);
    }

    [Fact]
    public async Task Lost_refresh_response_is_not_retried_and_the_next_refresh_ends_in_reauthorization()
    {
        // The sandbox rotates the refresh token, then the connection drops: the SDK never sees the
        // new one. Resending the consumed token is the only move left, and replay detection at the
        // server (as at oidc-provider, Auth0, Okta) revokes the grant. The documented outcome is
        // ReauthorizationRequired, reached after exactly one more request and never in a loop.
        await using var host = new SandboxSdkHost();
        var integration = await host.ConnectAsync();
        var before = await host.StoredTokensAsync(integration);
        host.Time.Advance(SandboxSdkHost.TokenLifetime);
        host.Sandbox.Failures.EnqueueTokenFailure(SandboxFailure.ResponseLost);

        var lost = await Assert.ThrowsAsync<IntegrationException>(() => host.GetTokenAsync(integration));

        Assert.Equal(IntegrationErrorCode.ConnectionError, lost.Code);
        Assert.True(lost.IsTransient);
        Assert.Equal(1, host.Sandbox.Requests.Refreshes);
        Assert.Equal(1, host.Sandbox.ActiveGrantCount);
        var afterLoss = await host.ReadAsync(integration);
        Assert.Equal(IntegrationStatus.Active, afterLoss.Status);
        Assert.Equal(1, afterLoss.Health.ConsecutiveErrors);

        var replayed = await Assert.ThrowsAsync<IntegrationException>(() => host.GetTokenAsync(integration));

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, replayed.Code);
        Assert.Equal(IntegrationStatus.ReauthorizationRequired, (await host.ReadAsync(integration)).Status);
        Assert.Equal(0, host.Sandbox.ActiveGrantCount);
        await host.Events.WaitForAsync(IntegrationEventType.ReauthorizationRequired);

        await Assert.ThrowsAsync<IntegrationException>(() => host.GetTokenAsync(integration));
        Assert.Equal(2, host.Sandbox.Requests.Refreshes);
        Assert.Equal([before.RefreshToken!, before.RefreshToken!], host.Probe.RefreshTokensSent);
    }

    [Fact]
    public async Task Disconnect_revokes_the_grant_at_the_sandbox_and_deletes_the_integration()
    {
        await using var host = new SandboxSdkHost();
        var integration = await host.ConnectAsync();
        var token = await host.GetTokenAsync(integration);
        Assert.Equal(1, host.Sandbox.ActiveGrantCount);

        await host.Manager.DisconnectAsync(integration.Key);

        Assert.Equal(0, host.Sandbox.ActiveGrantCount);
        Assert.Equal(1, host.Sandbox.Requests[SandboxEndpoint.Revocation]);
        Assert.False(host.Sandbox.TryValidateAccessToken(token.Value, out _));
        Assert.Null(await host.Store.GetAsync(integration.Owner, integration.Id));
        var gone = await Assert.ThrowsAsync<IntegrationException>(() => host.GetTokenAsync(integration));
        Assert.Equal(IntegrationErrorCode.IntegrationNotFound, gone.Code);
        Assert.Equal(1, host.Events.Count(IntegrationEventType.Disconnected));
    }

    [Fact]
    public async Task Refused_consent_completes_with_AccessDenied_and_stores_nothing()
    {
        await using var host = new SandboxSdkHost();
        host.Sandbox.Consent = SandboxConsent.Deny;
        var start = await host.BeginAsync();
        var callback = await host.Sandbox.AuthorizeAsync(start.AuthorizationUrl);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.CompleteConnectAsync(SandboxSdkHost.Owner, ConnectCallback.FromUri(callback)));

        Assert.Equal(IntegrationErrorCode.AccessDenied, error.Code);
        Assert.Equal("access_denied", error.ProviderError);
        Assert.Empty(await host.Manager.ListAsync(SandboxSdkHost.Owner));
        Assert.Equal(0, host.Sandbox.Requests.CodeExchanges);
        Assert.Equal(0, host.Sandbox.ActiveGrantCount);
    }

    [Fact]
    public async Task AddSandbox_points_the_provider_at_the_server_and_fits_the_refresh_windows_to_the_token_lifetime()
    {
        await using var host = new SandboxSdkHost(o => o.AccessTokenLifetime = TimeSpan.FromMinutes(1));

        var options = host.Services.GetRequiredService<IOptionsMonitor<OAuthProviderOptions>>().Get(SandboxDefaults.Name);
        var provider = host.Services.GetRequiredService<IOAuthProviderRegistry>().Get(SandboxDefaults.Name);

        Assert.Equal(host.Sandbox.TokenEndpoint, options.TokenEndpoint);
        Assert.Equal(SandboxDefaults.ClientId, options.ClientId);
        Assert.Equal(SandboxDefaults.Scopes, provider.DefaultScopes);
        Assert.True(provider.SupportsRevocation);
        Assert.Equal(TimeSpan.FromSeconds(15), provider.TokenRefresh.RefreshBeforeExpiry);
        Assert.Equal(TimeSpan.FromSeconds(6), provider.TokenRefresh.MustRefreshBeforeExpiry);
        Assert.Equal(TimeSpan.FromSeconds(6), provider.TokenRefresh.RetryDelay);
    }

    [Fact]
    public async Task AddSandbox_keeps_the_SDK_defaults_for_hour_long_tokens_and_lets_the_host_override_them()
    {
        await using var host = new SandboxSdkHost(
            o => o.AccessTokenLifetime = TimeSpan.FromHours(1),
            p => p.TokenRefresh.RetryDelay = TimeSpan.FromSeconds(3));

        var refresh = host.Services.GetRequiredService<IOAuthProviderRegistry>().Get(SandboxDefaults.Name).TokenRefresh;

        var defaults = new TokenRefreshOptions();
        Assert.Equal(defaults.RefreshBeforeExpiry, refresh.RefreshBeforeExpiry);
        Assert.Equal(defaults.MustRefreshBeforeExpiry, refresh.MustRefreshBeforeExpiry);
        Assert.Equal(TimeSpan.FromSeconds(3), refresh.RetryDelay);
    }

    [Fact]
    public async Task AddSandbox_with_invalid_sandbox_options_fails_at_start()
    {
        var services = new ServiceCollection();
        services.AddIntegrations().AddSandbox(configure: o => o.AccessTokenLifetime = TimeSpan.Zero);
        await using var provider = services.BuildServiceProvider();

        // Both the sandbox's options and the provider's (filled from the sandbox) fail; the message names the setting.
        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(error is OptionsValidationException or AggregateException { InnerExceptions: [OptionsValidationException, ..] }, error.GetType().Name);
        Assert.Contains("AccessTokenLifetime", error.Message);
    }

    [Fact]
    public async Task AddSandbox_routes_every_backchannel_call_to_the_in_process_server_at_its_configured_address()
    {
        await using var host = new SandboxSdkHost(o => o.BaseUri = new Uri("https://sandbox.example.invalid/"));

        var integration = await host.ConnectAsync();
        await host.Manager.DisconnectAsync(integration.Key);

        Assert.Equal(new Uri("https://sandbox.example.invalid/oauth2/token"), host.Sandbox.TokenEndpoint);
        Assert.Equal(1, host.Sandbox.Requests.CodeExchanges);
        Assert.Equal(1, host.Sandbox.Requests[SandboxEndpoint.UserInfo]);
        Assert.Equal(1, host.Sandbox.Requests[SandboxEndpoint.Revocation]);
    }
}
