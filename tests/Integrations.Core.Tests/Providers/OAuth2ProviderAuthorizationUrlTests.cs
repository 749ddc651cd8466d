using System.Collections.Immutable;
using Integrations.Core.Tests.Providers.Support;

namespace Integrations.Core.Tests.Providers;

public sealed class OAuth2ProviderAuthorizationUrlTests
{
    private static AuthorizationUrlContext Context(params string[] scopes) => new()
    {
        State = "state-value",
        CodeChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        Scopes = [.. scopes],
        RedirectUri = new Uri(OAuthFixtures.RedirectUri),
        Nonce = "nonce-value",
    };

    [Fact]
    public async Task Authorization_url_carries_the_code_flow_parameters_with_an_S256_challenge()
    {
        using var host = ProviderTestHost.OAuth2();

        var url = await host.Provider.CreateAuthorizationUrlAsync(Context("profile", "email"));

        Assert.Equal("https://auth.example.test/oauth/authorize", url.GetLeftPart(UriPartial.Path));
        var query = TestIdentityProvider.Query(url);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(OAuthFixtures.ClientId, query["client_id"]);
        Assert.Equal(OAuthFixtures.RedirectUri, query["redirect_uri"]);
        Assert.Equal("profile email", query["scope"]);
        Assert.Equal("state-value", query["state"]);
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", query["code_challenge"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.DoesNotContain("nonce", query.Keys);
        Assert.DoesNotContain("client_secret", query.Keys);
    }

    [Fact]
    public async Task Scopes_are_joined_with_the_configured_separator()
    {
        using var host = ProviderTestHost.OAuth2(o => o.ScopeSeparator = ",");

        var url = await host.Provider.CreateAuthorizationUrlAsync(Context("activity:read_all", "profile:read_all"));

        Assert.Equal("activity:read_all,profile:read_all", TestIdentityProvider.Query(url)["scope"]);
        Assert.Contains("scope=activity%3Aread_all%2Cprofile%3Aread_all", url.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_and_request_parameters_are_added_and_the_request_wins()
    {
        using var host = ProviderTestHost.OAuth2(o =>
        {
            o.AdditionalAuthorizationParameters["access_type"] = "offline";
            o.AdditionalAuthorizationParameters["prompt"] = "select_account";
        });

        var url = await host.Provider.CreateAuthorizationUrlAsync(Context("email") with
        {
            LoginHint = "alice@example.test",
            ExtraParameters = ImmutableDictionary<string, string>.Empty.Add("prompt", "consent"),
        });

        var query = TestIdentityProvider.Query(url);
        Assert.Equal("offline", query["access_type"]);
        Assert.Equal("consent", query["prompt"]);
        Assert.Equal("alice@example.test", query["login_hint"]);
    }

    [Fact]
    public async Task Extra_parameters_cannot_override_protocol_parameters()
    {
        using var host = ProviderTestHost.OAuth2();

        var url = await host.Provider.CreateAuthorizationUrlAsync(Context("email") with
        {
            ExtraParameters = ImmutableDictionary<string, string>.Empty.Add("state", "forged").Add("code_challenge_method", "plain"),
        });

        var query = TestIdentityProvider.Query(url);
        Assert.Equal("state-value", query["state"]);
        Assert.Equal("S256", query["code_challenge_method"]);
    }

    [Fact]
    public async Task A_query_already_in_the_authorization_endpoint_is_kept()
    {
        using var host = ProviderTestHost.OAuth2(o => o.AuthorizationEndpoint = new Uri("https://auth.example.test/authorize?tenant=contoso"));

        var url = await host.Provider.CreateAuthorizationUrlAsync(Context("email"));

        var query = TestIdentityProvider.Query(url);
        Assert.Equal("contoso", query["tenant"]);
        Assert.Equal("state-value", query["state"]);
    }
}
