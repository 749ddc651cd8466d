namespace Integrations.Core.Tests.Providers.Support;

/// <summary>
/// Response bodies shaped exactly like the documented ones: RFC 6749 §4.1.4 / §5.2, RFC 7009, and
/// the oidc-provider 9.x peer (<c>shared/peers/oidc-provider/README.md</c>, section 5).
/// </summary>
public static class OAuthFixtures
{
    public const string AuthorizationEndpoint = "https://auth.example.test/oauth/authorize";
    public const string TokenEndpoint = "https://auth.example.test/oauth/token";
    public const string UserInfoEndpoint = "https://auth.example.test/me";
    public const string RevocationEndpoint = "https://auth.example.test/token/revocation";
    public const string ClientId = "sdk-client";
    public const string ClientSecret = "sdk-client-secret";
    public const string RedirectUri = "http://127.0.0.1:5599/callback";

    public const string AccessToken = "Qb0cE3v8qHk7Wm2Zx5Jt9Ln4Rp6Sy1Ud0Fg3Hj8Kl2M";
    public const string RefreshToken = "Zr7Tn2Wq9Lp4Ks6Hd1Fj3Gb8Vc5Xm0Ny2Pa7Qe4Ru9S";

    /// <summary>oidc-provider's code exchange response (the id_token is replaced per test when it matters).</summary>
    public static string TokenResponse(string? idToken = null, string scope = "openid profile email offline_access", int expiresIn = 60) => $$"""
        {"access_token":"{{AccessToken}}","expires_in":{{expiresIn}},"id_token":"{{idToken ?? "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"}}","refresh_token":"{{RefreshToken}}","scope":"{{scope}}","token_type":"Bearer"}
        """;

    /// <summary>RFC 6749 §4.1.4's example, with its non-standard member.</summary>
    public const string Rfc6749TokenResponse = """
        {
          "access_token":"2YotnFZFEjr1zCsicMWpAA",
          "token_type":"example",
          "expires_in":3600,
          "refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA",
          "example_parameter":"example_value"
        }
        """;

    /// <summary>A response without a refresh token (Google on a second consent, Microsoft without offline_access).</summary>
    public const string TokenResponseWithoutRefreshToken = """
        {"access_token":"ya29.a0AfH6SMBx","expires_in":3599,"scope":"openid email","token_type":"Bearer"}
        """;

    public const string InvalidGrant = """{"error":"invalid_grant","error_description":"grant request is invalid"}""";
    public const string InvalidClient = """{"error":"invalid_client","error_description":"client authentication failed"}""";
    public const string InvalidRequest = """{"error":"invalid_request","error_description":"no client authentication mechanism provided"}""";
    public const string UnsupportedGrantType = """{"error":"unsupported_grant_type","error_description":"unsupported grant_type requested"}""";
    public const string InvalidToken = """{"error":"invalid_token","error_description":"invalid token provided"}""";

    /// <summary>oidc-provider's userinfo (<c>/me</c>) for login <c>alice</c>.</summary>
    public const string UserInfo = """
        {"sub":"alice","email":"alice@example.test","email_verified":true,"family_name":"alice","given_name":"Test","name":"Test User alice","preferred_username":"alice","updated_at":1767268800}
        """;

    /// <summary>An HTML error page such as a proxy or a misconfigured gateway returns.</summary>
    public const string HtmlPage = """
        <!DOCTYPE html><html><head><title>Error</title></head><body><h1>Bad Gateway</h1><p>token=leaked-secret-token-value</p></body></html>
        """;
}
