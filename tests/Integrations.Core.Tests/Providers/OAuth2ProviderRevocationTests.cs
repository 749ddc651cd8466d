using System.Net;
using Integrations.Core.Tests.Providers.Support;

namespace Integrations.Core.Tests.Providers;

public sealed class OAuth2ProviderRevocationTests
{
    [Fact]
    public async Task Revocation_sends_the_refresh_token_with_its_hint_and_client_authentication()
    {
        using var host = ProviderTestHost.OAuth2();
        var revocation = host.Record(HttpMethod.Post, OAuthFixtures.RevocationEndpoint, HttpStatusCode.OK, "");

        await host.Provider.RevokeAsync(new TokenSet(OAuthFixtures.AccessToken) { RefreshToken = OAuthFixtures.RefreshToken });

        Assert.Equal(new Dictionary<string, string> { ["token"] = OAuthFixtures.RefreshToken, ["token_type_hint"] = "refresh_token" }, revocation.Form);
        Assert.Equal("Basic", revocation.Request.Headers.Authorization!.Scheme);
    }

    [Fact]
    public async Task Without_a_refresh_token_the_access_token_is_revoked()
    {
        using var host = ProviderTestHost.OAuth2(o => o.ClientAuthentication = ClientAuthenticationMethod.Post);
        var revocation = host.Record(HttpMethod.Post, OAuthFixtures.RevocationEndpoint, HttpStatusCode.OK, "");

        await host.Provider.RevokeAsync(new TokenSet(OAuthFixtures.AccessToken));

        Assert.Equal(OAuthFixtures.AccessToken, revocation.Form["token"]);
        Assert.Equal("access_token", revocation.Form["token_type_hint"]);
        Assert.Equal(OAuthFixtures.ClientSecret, revocation.Form["client_secret"]);
    }

    [Fact]
    public async Task An_already_revoked_token_counts_as_revoked()
    {
        using var host = ProviderTestHost.OAuth2();
        var revocation = host.Record(HttpMethod.Post, OAuthFixtures.RevocationEndpoint, HttpStatusCode.BadRequest, """{"error":"invalid_token"}""");

        await host.Provider.RevokeAsync(new TokenSet(OAuthFixtures.AccessToken));

        Assert.Equal(1, revocation.Count);
    }

    [Fact]
    public async Task Other_revocation_failures_are_typed_errors()
    {
        using var host = ProviderTestHost.OAuth2();
        host.Record(HttpMethod.Post, OAuthFixtures.RevocationEndpoint, HttpStatusCode.BadRequest, """{"error":"unsupported_token_type"}""");

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.RevokeAsync(new TokenSet(OAuthFixtures.AccessToken)));

        Assert.Equal(IntegrationErrorCode.OAuthError, error.Code);
        Assert.Equal("unsupported_token_type", error.ProviderError);
    }

    [Fact]
    public async Task A_provider_without_revocation_endpoint_sends_nothing()
    {
        using var host = ProviderTestHost.OAuth2(o => o.RevocationEndpoint = null);

        Assert.False(host.Provider.SupportsRevocation);
        await host.Provider.RevokeAsync(new TokenSet(OAuthFixtures.AccessToken));
    }
}
