using System.Net;
using Integrations.Interop.Tests.Support;
using Integrations.TestSupport.Oidc;

namespace Integrations.Interop.Tests;

/// <summary>The other client registrations of the server: secret in the form body, and a public client with PKCE only.</summary>
public sealed class OidcClientAuthenticationTests(OidcServerFixture fixture) : IClassFixture<OidcServerFixture>
{
    private OidcProviderServer Server => fixture.Server;

    public static TheoryData<string, ClientAuthenticationMethod> Clients => new()
    {
        { OidcProviderServer.PostClientId, ClientAuthenticationMethod.Post },
        { OidcProviderServer.PublicClientId, ClientAuthenticationMethod.None },
    };

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Client_connects_refreshes_and_disconnects(string clientId, ClientAuthenticationMethod authentication)
    {
        await using var host = new InteropHost(Server, configure: o =>
        {
            o.ClientId = clientId;
            o.ClientAuthentication = authentication;
            o.ClientSecret = authentication == ClientAuthenticationMethod.None ? null : OidcProviderServer.ClientSecret;
        });
        using var browser = Server.CreateBrowser();
        var refreshGrants = await Server.CountGrantsAsync("refresh_token");

        var integration = (await host.ConnectAsync(browser, $"user-of-{clientId}")).Integration;
        var connected = await host.StoredTokensAsync(integration);
        Assert.Equal($"user-of-{clientId}", integration.Account.Id);
        Assert.NotNull(connected.RefreshToken);

        host.ExpireAccessTokens();
        var refreshed = await host.GetTokenAsync(integration);

        Assert.NotEqual(connected.AccessToken, refreshed.Value);
        Assert.Equal(refreshGrants + 1, await Server.CountGrantsAsync("refresh_token"));
        Assert.Contains($"grant.success: refresh_token client={clientId}", Server.Log.LastOrDefault(l => l.Contains("grant.success: refresh_token", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, (await Server.UserInfoAsync(refreshed.Value)).Status);
        var latest = await host.StoredTokensAsync(integration);
        Assert.True(await Server.IsActiveAsync(latest.RefreshToken!));

        await host.Manager.DisconnectAsync(integration.Key);

        Assert.False(await Server.IsActiveAsync(latest.RefreshToken!), "revoked at the server");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Server.UserInfoAsync(refreshed.Value)).Status);
        Assert.Null(await host.Store.GetAsync(integration.Owner, integration.Id));
    }

    [Fact]
    public async Task Wrong_client_secret_fails_the_code_exchange_with_InvalidCredentials_and_stores_nothing()
    {
        await using var host = new InteropHost(Server, configure: o => o.ClientSecret = "not-the-secret");
        using var browser = Server.CreateBrowser();
        var codeGrants = await Server.CountGrantsAsync("authorization_code");

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.ConnectAsync(browser, "carol"));

        Assert.Equal(IntegrationErrorCode.InvalidCredentials, error.Code);
        Assert.Equal("invalid_client", error.ProviderError);
        Assert.Equal(codeGrants, await Server.CountGrantsAsync("authorization_code"));
        Assert.Empty(await host.Manager.ListAsync(InteropHost.Owner));
    }
}
