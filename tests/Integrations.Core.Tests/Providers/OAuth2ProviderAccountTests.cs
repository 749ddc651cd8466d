using System.Net;
using Integrations.Core.Tests.Providers.Support;

namespace Integrations.Core.Tests.Providers;

public sealed class OAuth2ProviderAccountTests
{
    private static readonly TokenSet Tokens = new(OAuthFixtures.AccessToken) { RefreshToken = OAuthFixtures.RefreshToken };

    [Fact]
    public async Task Userinfo_is_read_with_the_bearer_token_and_mapped_to_the_account()
    {
        using var host = ProviderTestHost.OAuth2();
        var userInfo = host.Record(HttpMethod.Get, OAuthFixtures.UserInfoEndpoint, HttpStatusCode.OK, OAuthFixtures.UserInfo);

        var account = await host.Provider.GetAccountAsync(Tokens);

        Assert.Equal($"Bearer {OAuthFixtures.AccessToken}", userInfo.Request.Headers.Authorization!.ToString());
        Assert.Equal("alice", account.Id);
        Assert.Equal("alice", account.Username);
        Assert.Equal("alice@example.test", account.Email);
        Assert.Equal("Test User alice", account.Name);
        Assert.Null(account.AvatarUrl);
        Assert.True(account.RawProfile!.Value.GetProperty("email_verified").GetBoolean());
    }

    [Fact]
    public async Task Numeric_ids_and_nested_fields_are_read_through_the_mapping()
    {
        using var host = ProviderTestHost.OAuth2(o => o.ProfileMapping = new ProfileMapping
        {
            Id = "athlete.id",
            Username = "athlete.username",
            Name = "athlete.firstname",
            Email = null,
            AvatarUrl = "athlete.profile",
        });
        host.Record(HttpMethod.Get, OAuthFixtures.UserInfoEndpoint, HttpStatusCode.OK, """
            {"athlete":{"id":9007199254740993,"username":"marianne_t","firstname":"Marianne","profile":"https://example.test/large.jpg"}}
            """);

        var account = await host.Provider.GetAccountAsync(Tokens);

        Assert.Equal("9007199254740993", account.Id);
        Assert.Equal("marianne_t", account.Username);
        Assert.Equal("Marianne", account.Name);
        Assert.Equal("https://example.test/large.jpg", account.AvatarUrl);
        Assert.Null(account.Email);
    }

    [Fact]
    public async Task A_profile_without_the_id_is_an_invalid_response()
    {
        using var host = ProviderTestHost.OAuth2();
        host.Record(HttpMethod.Get, OAuthFixtures.UserInfoEndpoint, HttpStatusCode.OK, """{"email":"alice@example.test"}""");

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.GetAccountAsync(Tokens));

        Assert.Equal(IntegrationErrorCode.InvalidResponse, error.Code);
    }

    [Fact]
    public async Task Userinfo_401_is_an_oauth_error_read_from_the_www_authenticate_header()
    {
        using var host = ProviderTestHost.OAuth2();
        host.Record(HttpMethod.Get, OAuthFixtures.UserInfoEndpoint, HttpStatusCode.Unauthorized, "",
            headers: [new("WWW-Authenticate", """Bearer realm="http://127.0.0.1:4455", error="invalid_token", error_description="invalid token provided" """.TrimEnd())]);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.GetAccountAsync(Tokens));

        Assert.Equal(IntegrationErrorCode.OAuthError, error.Code);
        Assert.Equal("invalid_token", error.ProviderError);
        Assert.Equal(401, error.StatusCode);
        Assert.Contains("invalid token provided", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Userinfo_403_is_permission_denied()
    {
        using var host = ProviderTestHost.OAuth2();
        host.Record(HttpMethod.Get, OAuthFixtures.UserInfoEndpoint, HttpStatusCode.Forbidden, """{"error":"insufficient_scope"}""");

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.GetAccountAsync(Tokens));

        Assert.Equal(IntegrationErrorCode.PermissionDenied, error.Code);
    }

    [Fact]
    public async Task Without_a_userinfo_endpoint_the_id_token_claims_are_the_profile()
    {
        using var host = ProviderTestHost.OAuth2(o => o.UserInfoEndpoint = null);
        using var idp = new TestIdentityProvider();
        var idToken = idp.IdToken(host.Time.GetUtcNow(), "n", claims => claims["email"] = "alice@example.test");

        var account = await host.Provider.GetAccountAsync(new TokenSet(OAuthFixtures.AccessToken) { IdToken = idToken });

        Assert.Equal("alice", account.Id);
        Assert.Equal("alice@example.test", account.Email);
    }

    [Fact]
    public async Task Without_a_userinfo_endpoint_or_id_token_the_account_cannot_be_read()
    {
        using var host = ProviderTestHost.OAuth2(o => o.UserInfoEndpoint = null);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.GetAccountAsync(Tokens));

        Assert.Equal(IntegrationErrorCode.InvalidResponse, error.Code);
    }

    [Fact]
    public void Granted_scopes_come_from_the_token_response_then_the_callback_then_the_request()
    {
        using var host = ProviderTestHost.OAuth2(o => o.ScopeSeparator = ",");
        var callback = ConnectCallback.FromUri(new Uri("http://127.0.0.1:5599/callback?state=s&code=c&scope=read,activity:read_all"));
        string[] requested = ["read", "activity:read_all", "activity:write"];

        var fromToken = host.Provider.GetGrantedScopes(callback, new TokenSet("a") { Scopes = ["read"] }, requested);
        var fromCallback = host.Provider.GetGrantedScopes(callback, new TokenSet("a"), requested);
        var fromRequest = host.Provider.GetGrantedScopes(new ConnectCallback { Code = "c" }, new TokenSet("a"), requested);

        Assert.Equal(["read"], fromToken);
        Assert.Equal(["read", "activity:read_all"], fromCallback);
        Assert.Equal(requested, fromRequest);
    }
}
