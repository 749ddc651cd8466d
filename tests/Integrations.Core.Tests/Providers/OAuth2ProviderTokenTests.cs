using System.Net;
using System.Text.Json;
using Integrations.Core.Tests.Providers.Support;

namespace Integrations.Core.Tests.Providers;

public sealed class OAuth2ProviderTokenTests
{
    private static CodeExchangeContext Exchange(string code = "SplxlOBeZQQYbYS6WxSbIA") => new()
    {
        Code = code,
        CodeVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        RedirectUri = new Uri(OAuthFixtures.RedirectUri),
        Callback = new ConnectCallback { Code = code, State = "s" },
    };

    private static TokenRefreshContext Refresh(string refreshToken = OAuthFixtures.RefreshToken) => new(
        new Integration
        {
            Id = Guid.NewGuid(),
            UserId = "u1",
            Provider = ProviderTestHost.OAuth2Name,
            DisplayName = "alice",
            Account = new ExternalAccount("alice"),
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        },
        new TokenSet("old-access") { RefreshToken = refreshToken });

    [Fact]
    public async Task Code_exchange_posts_the_grant_with_verifier_and_redirect_uri_and_reads_every_field()
    {
        using var host = ProviderTestHost.OAuth2();
        var token = host.RespondToToken(HttpStatusCode.OK, OAuthFixtures.TokenResponse(idToken: "header.payload.signature"));

        var tokens = await host.Provider.ExchangeCodeAsync(Exchange());

        Assert.Equal("application/x-www-form-urlencoded", token.Request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = "SplxlOBeZQQYbYS6WxSbIA",
            ["redirect_uri"] = OAuthFixtures.RedirectUri,
            ["code_verifier"] = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        }, token.Form);
        Assert.Equal(OAuthFixtures.AccessToken, tokens.AccessToken);
        Assert.Equal(OAuthFixtures.RefreshToken, tokens.RefreshToken);
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(host.Time.GetUtcNow().AddSeconds(60), tokens.ExpiresAt);
        Assert.Equal(["openid", "profile", "email", "offline_access"], tokens.Scopes!.Value.ToArray());
        Assert.Equal("header.payload.signature", tokens.IdToken);
        Assert.Empty(tokens.AdditionalData);
    }

    [Fact]
    public async Task Unknown_members_of_the_token_response_are_kept_as_additional_data()
    {
        using var host = ProviderTestHost.OAuth2();
        host.RespondToToken(HttpStatusCode.OK, OAuthFixtures.Rfc6749TokenResponse);

        var tokens = await host.Provider.ExchangeCodeAsync(Exchange());

        Assert.Equal("2YotnFZFEjr1zCsicMWpAA", tokens.AccessToken);
        Assert.Equal("example", tokens.TokenType);
        Assert.Null(tokens.Scopes);
        Assert.Equal("example_value", Assert.Single(tokens.AdditionalData, p => p.Key == "example_parameter").Value.GetString());
    }

    [Fact]
    public async Task Strava_like_response_keeps_its_athlete_and_reads_expiry_and_refresh_token_lifetime()
    {
        using var host = ProviderTestHost.OAuth2();
        host.RespondToToken(HttpStatusCode.OK, """
            {"token_type":"bearer","expires_at":1568775134,"expires_in":"21600","refresh_token":"e5n567567","access_token":"a4b945687g","refresh_token_expires_in":86400,"athlete":{"id":134815,"username":"marianne_t"}}
            """);

        var tokens = await host.Provider.ExchangeCodeAsync(Exchange());

        Assert.Equal("Bearer", tokens.TokenType);
        Assert.Equal(host.Time.GetUtcNow().AddSeconds(21600), tokens.ExpiresAt);
        Assert.Equal(host.Time.GetUtcNow().AddDays(1), tokens.RefreshTokenExpiresAt);
        Assert.Equal(134815, tokens.AdditionalData["athlete"].GetProperty("id").GetInt64());
        Assert.Equal(1568775134, tokens.AdditionalData["expires_at"].GetInt64());
    }

    [Fact]
    public async Task Refresh_without_a_refresh_token_in_the_response_returns_none()
    {
        using var host = ProviderTestHost.OAuth2();
        var token = host.RespondToToken(HttpStatusCode.OK, OAuthFixtures.TokenResponseWithoutRefreshToken);

        var tokens = await host.Provider.RefreshAsync(Refresh());

        Assert.Equal(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = OAuthFixtures.RefreshToken }, token.Form);
        Assert.Equal("ya29.a0AfH6SMBx", tokens.AccessToken);
        Assert.Null(tokens.RefreshToken);
    }

    [Fact]
    public async Task Refresh_of_an_integration_without_refresh_token_asks_for_reauthorization_without_a_request()
    {
        using var host = ProviderTestHost.OAuth2();

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.RefreshAsync(Refresh() with { Current = new TokenSet("a") }));

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
    }

    [Fact]
    public async Task Basic_client_authentication_form_urlencodes_id_and_secret_before_base64()
    {
        using var host = ProviderTestHost.OAuth2(o =>
        {
            o.ClientId = "my client";
            o.ClientSecret = "s3cr3t:/+ü";
        });
        var token = host.RespondToToken(HttpStatusCode.OK, OAuthFixtures.TokenResponse());

        await host.Provider.ExchangeCodeAsync(Exchange());

        Assert.Equal("Basic", token.Request.Headers.Authorization!.Scheme);
        Assert.Equal(
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("my+client:s3cr3t%3A%2F%2B%C3%BC")),
            token.Request.Headers.Authorization.Parameter);
        Assert.DoesNotContain("client_id", token.Form.Keys);
        Assert.DoesNotContain("client_secret", token.Form.Keys);
    }

    [Fact]
    public async Task Post_client_authentication_sends_id_and_secret_in_the_body_only()
    {
        using var host = ProviderTestHost.OAuth2(o => o.ClientAuthentication = ClientAuthenticationMethod.Post);
        var token = host.RespondToToken(HttpStatusCode.OK, OAuthFixtures.TokenResponse());

        await host.Provider.ExchangeCodeAsync(Exchange());

        Assert.Null(token.Request.Headers.Authorization);
        Assert.Equal(OAuthFixtures.ClientId, token.Form["client_id"]);
        Assert.Equal(OAuthFixtures.ClientSecret, token.Form["client_secret"]);
    }

    [Fact]
    public async Task Public_client_sends_only_its_client_id()
    {
        using var host = ProviderTestHost.OAuth2(o =>
        {
            o.ClientAuthentication = ClientAuthenticationMethod.None;
            o.ClientSecret = null;
        });
        var token = host.RespondToToken(HttpStatusCode.OK, OAuthFixtures.TokenResponse());

        await host.Provider.ExchangeCodeAsync(Exchange());

        Assert.Null(token.Request.Headers.Authorization);
        Assert.Equal(OAuthFixtures.ClientId, token.Form["client_id"]);
        Assert.DoesNotContain("client_secret", token.Form.Keys);
    }

    public static TheoryData<HttpStatusCode, string, IntegrationErrorCode, string?> CodeExchangeErrors => new()
    {
        { HttpStatusCode.BadRequest, OAuthFixtures.InvalidGrant, IntegrationErrorCode.OAuthError, "invalid_grant" },
        { HttpStatusCode.Unauthorized, OAuthFixtures.InvalidClient, IntegrationErrorCode.InvalidCredentials, "invalid_client" },
        { HttpStatusCode.BadRequest, OAuthFixtures.InvalidRequest, IntegrationErrorCode.OAuthError, "invalid_request" },
        { HttpStatusCode.BadRequest, OAuthFixtures.UnsupportedGrantType, IntegrationErrorCode.OAuthError, "unsupported_grant_type" },
        { HttpStatusCode.BadRequest, """{"error":"temporarily_unavailable"}""", IntegrationErrorCode.ProviderUnavailable, "temporarily_unavailable" },
        { HttpStatusCode.OK, """{"error":"bad_verification_code","error_description":"The code passed is incorrect or expired."}""", IntegrationErrorCode.OAuthError, "bad_verification_code" },
        { HttpStatusCode.Unauthorized, "", IntegrationErrorCode.InvalidCredentials, null },
        { HttpStatusCode.NotFound, "<html>Not Found</html>", IntegrationErrorCode.InvalidResponse, null },
    };

    [Theory]
    [MemberData(nameof(CodeExchangeErrors))]
    public async Task Code_exchange_errors_become_typed_errors(HttpStatusCode status, string body, IntegrationErrorCode expected, string? providerError)
    {
        using var host = ProviderTestHost.OAuth2();
        host.RespondToToken(status, body);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.ExchangeCodeAsync(Exchange()));

        Assert.Equal(expected, error.Code);
        Assert.Equal(providerError, error.ProviderError);
        Assert.Equal((int)status, error.StatusCode);
        Assert.Equal(ProviderTestHost.OAuth2Name, error.Provider);
    }

    [Theory]
    [InlineData("invalid_grant")]
    [InlineData("interaction_required")]
    public async Task Dead_grant_on_refresh_requires_reauthorization(string providerError)
    {
        using var host = ProviderTestHost.OAuth2();
        host.RespondToToken(HttpStatusCode.BadRequest, $$"""{"error":"{{providerError}}","error_description":"grant request is invalid"}""");

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.RefreshAsync(Refresh()));

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
        Assert.Equal(providerError, error.ProviderError);
        Assert.False(error.IsTransient);
        Assert.Contains("grant request is invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_client_on_refresh_is_a_credentials_problem_not_a_dead_grant()
    {
        using var host = ProviderTestHost.OAuth2();
        host.RespondToToken(HttpStatusCode.Unauthorized, OAuthFixtures.InvalidClient);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.RefreshAsync(Refresh()));

        Assert.Equal(IntegrationErrorCode.InvalidCredentials, error.Code);
    }
}
