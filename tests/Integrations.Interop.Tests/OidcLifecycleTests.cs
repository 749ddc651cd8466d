using System.Collections.Immutable;
using System.Net;
using Integrations.Interop.Tests.Support;
using Integrations.TestSupport.Oidc;

namespace Integrations.Interop.Tests;

/// <summary>
/// The whole life of an integration through the SDK against a real, certified OpenID Connect server
/// (panva/oidc-provider) with its library defaults: a refresh token only for <c>offline_access</c>,
/// strict refresh token rotation with replay detection, revocation.
/// </summary>
public sealed class OidcLifecycleTests(OfflineAccessServerFixture fixture) : IClassFixture<OfflineAccessServerFixture>
{
    private static readonly ImmutableArray<string> OfflineScopes = ["openid", "profile", "email", "offline_access"];

    // oidc-provider grants offline_access only on a consent prompt (its README, gotcha 1).
    private static readonly ImmutableDictionary<string, string> PromptConsent = ImmutableDictionary<string, string>.Empty.Add("prompt", "consent");

    private OidcProviderServer Server => fixture.Server;

    [Fact]
    public async Task Connect_refresh_with_rotation_and_disconnect_with_revocation_work_end_to_end()
    {
        await using var host = new InteropHost(Server);
        using var browser = Server.CreateBrowser();
        var codeGrants = await Server.CountGrantsAsync("authorization_code");
        var refreshGrants = await Server.CountGrantsAsync("refresh_token");
        var replays = Server.CountLines("refresh token already used");

        // Connect: login and consent at the server, code exchange, id_token validated (JWKS, iss,
        // aud, nonce), RFC 9207 iss checked, profile read from /me.
        var connected = await host.ConnectAsync(browser, "alice", OfflineScopes, PromptConsent);

        var integration = connected.Integration;
        Assert.True(connected.IsNew);
        Assert.Equal((1, 1), (browser.LoginsSubmitted, browser.ConsentsSubmitted));
        Assert.Equal(IntegrationStatus.Active, integration.Status);
        Assert.Equal("alice", integration.Account.Id);
        Assert.Equal("alice", integration.Account.Username);
        Assert.Equal("Test User alice", integration.Account.Name);
        Assert.Equal("alice@example.test", integration.Account.Email);
        Assert.Equal("Test User alice", integration.DisplayName);
        Assert.True(integration.Account.RawProfile!.Value.GetProperty("email_verified").GetBoolean(), "the profile comes from /me, not from the id_token (which has protocol claims only)");
        Assert.Equal(OfflineScopes.Order(), integration.GrantedScopes.Order());
        Assert.Equal(codeGrants + 1, await Server.CountGrantsAsync("authorization_code"));
        var connectedTokens = await host.StoredTokensAsync(integration);
        Assert.NotNull(connectedTokens.RefreshToken);
        Assert.NotNull(connectedTokens.IdToken);

        var first = await host.GetTokenAsync(integration);
        Assert.Equal(connectedTokens.AccessToken, first.Value);
        await AssertUserInfoAsync(first, "alice");
        Assert.Equal(refreshGrants, await Server.CountGrantsAsync("refresh_token"));

        // Expiry on the SDK's clock: the next caller gets a refreshed token, the refresh token rotated.
        host.ExpireAccessTokens();
        var refreshed = await host.GetTokenAsync(integration);

        Assert.NotEqual(first.Value, refreshed.Value);
        Assert.Equal(refreshGrants + 1, await Server.CountGrantsAsync("refresh_token"));
        var refreshedTokens = await host.StoredTokensAsync(integration);
        Assert.NotNull(refreshedTokens.RefreshToken);
        Assert.NotEqual(connectedTokens.RefreshToken, refreshedTokens.RefreshToken);
        Assert.Equal([connectedTokens.RefreshToken!], host.Probe.RefreshTokensSent);
        Assert.False(await Server.IsActiveAsync(connectedTokens.RefreshToken!), "the server consumed the old refresh token");
        Assert.True(await Server.IsActiveAsync(refreshedTokens.RefreshToken!));
        await AssertUserInfoAsync(refreshed, "alice");
        Assert.Equal(1, host.Events.Count(IntegrationEventType.TokenRefreshed, integration.Id));
        Assert.Equal(OfflineScopes.Order(), (await host.ReadAsync(integration)).GrantedScopes.Order());
        Assert.NotNull(refreshedTokens.IdToken);

        // Disconnect: revoked at the server, deleted here.
        await host.Manager.DisconnectAsync(integration.Key);

        Assert.Null(await host.Store.GetAsync(integration.Owner, integration.Id));
        Assert.Equal(1, host.Events.Count(IntegrationEventType.Disconnected, integration.Id));
        var notFound = Server.CountLines("refresh token not found");
        var dead = await Server.RefreshAsync(refreshedTokens.RefreshToken!);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (dead.Status, dead.Error));
        await Server.SyncLogAsync();
        Assert.Equal(notFound + 1, Server.CountLines("refresh token not found"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.UserInfoAsync(refreshed.Value)).Status);
        Assert.Equal(replays, Server.CountLines("refresh token already used"));
    }

    [Fact]
    public async Task Grant_revoked_at_the_server_behind_the_SDKs_back_ends_in_ReauthorizationRequired_at_the_next_refresh()
    {
        await using var host = new InteropHost(Server);
        using var browser = Server.CreateBrowser();
        var integration = (await host.ConnectAsync(browser, "bob", OfflineScopes, PromptConsent)).Integration;
        var tokens = await host.StoredTokensAsync(integration);
        var refreshGrants = await Server.CountGrantsAsync("refresh_token");

        // The user removes the application at the provider.
        var revoked = await Server.RevokeAsync(tokens.RefreshToken!, "refresh_token");
        Assert.Equal(HttpStatusCode.OK, revoked.Status);

        host.ExpireAccessTokens();
        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.GetTokenAsync(integration));

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
        Assert.Equal("invalid_grant", error.ProviderError);
        Assert.Equal(integration.Id, error.IntegrationId);
        var stored = await host.ReadAsync(integration);
        Assert.Equal(IntegrationStatus.ReauthorizationRequired, stored.Status);
        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, stored.Health.LastErrorCode);
        Assert.Equal(1, host.Events.Count(IntegrationEventType.ReauthorizationRequired, integration.Id));
        Assert.Equal(refreshGrants, await Server.CountGrantsAsync("refresh_token"));

        // Marked for good: later callers get the same answer without asking the server again.
        var again = await Assert.ThrowsAsync<IntegrationException>(() => host.GetTokenAsync(integration));
        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, again.Code);
        Assert.Equal(1, host.Probe.Refreshes);

        // Reconnecting the same account brings the integration back.
        var reconnected = await host.ConnectAsync(browser, "bob", OfflineScopes, PromptConsent);
        Assert.False(reconnected.IsNew);
        Assert.Equal(integration.Id, reconnected.Integration.Id);
        Assert.Equal(IntegrationStatus.Active, reconnected.Integration.Status);
        await AssertUserInfoAsync(await host.GetTokenAsync(integration), "bob");
    }

    [Fact]
    public async Task Lost_refresh_response_is_not_retried_and_the_next_refresh_trips_the_servers_replay_detection()
    {
        // The server rotates the refresh token, then the connection drops: the SDK holds only the
        // consumed token. It does not resend it at once (no retry loop on the token endpoint); the
        // next refresh has nothing else to send, the server sees a replay and revokes the grant, and
        // the integration ends in ReauthorizationRequired: the documented outcome.
        await using var host = new InteropHost(Server);
        using var browser = Server.CreateBrowser();
        var integration = (await host.ConnectAsync(browser, "ivan", OfflineScopes, PromptConsent)).Integration;
        var connected = await host.StoredTokensAsync(integration);
        var refreshGrants = await Server.CountGrantsAsync("refresh_token");
        var replays = Server.CountLines("refresh token already used");
        host.ExpireAccessTokens();
        host.Probe.DropNextRefreshResponse();

        var lost = await Assert.ThrowsAsync<IntegrationException>(() => host.GetTokenAsync(integration));

        Assert.Equal(IntegrationErrorCode.ConnectionError, lost.Code);
        Assert.True(lost.IsTransient);
        Assert.Equal(refreshGrants + 1, await Server.CountGrantsAsync("refresh_token"));
        Assert.Equal(1, host.Probe.Refreshes);
        var afterLoss = await host.ReadAsync(integration);
        Assert.Equal(IntegrationStatus.Active, afterLoss.Status);
        Assert.Equal(1, afterLoss.Health.ConsecutiveErrors);

        var replayed = await Assert.ThrowsAsync<IntegrationException>(() => host.GetTokenAsync(integration));

        Assert.True(replayed.Code == IntegrationErrorCode.ReauthorizationRequired, replayed.ToString());
        Assert.Equal(IntegrationStatus.ReauthorizationRequired, (await host.ReadAsync(integration)).Status);
        Assert.Equal(1, host.Events.Count(IntegrationEventType.ReauthorizationRequired, integration.Id));
        await Server.SyncLogAsync();
        Assert.Equal(replays + 1, Server.CountLines("refresh token already used"));

        await Assert.ThrowsAsync<IntegrationException>(() => host.GetTokenAsync(integration));
        Assert.Equal([connected.RefreshToken!, connected.RefreshToken!], host.Probe.RefreshTokensSent);
        Assert.Equal(refreshGrants + 1, await Server.CountGrantsAsync("refresh_token"));
    }

    private async Task AssertUserInfoAsync(AccessToken token, string subject)
    {
        var me = await Server.UserInfoAsync(token.Value);
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal(subject, me.Json.GetProperty("sub").GetString());
    }
}
