using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integrations.Core.Tests.Providers.Support;

/// <summary>
/// The signing side of an OpenID Connect server for tests: an RSA key generated per test, its
/// JWKS, the discovery document, and id_tokens shaped like oidc-provider's
/// (<c>sub, nonce, aud, iss, iat, exp</c>, RS256).
/// </summary>
public sealed class TestIdentityProvider : IDisposable
{
    public const string Issuer = "http://127.0.0.1:4455";
    public const string DiscoveryUrl = Issuer + "/.well-known/openid-configuration";
    public const string JwksUrl = Issuer + "/jwks";

    // Generating a 2048-bit key costs a few hundred milliseconds; tests share two.
    private static readonly Lazy<RSA> Primary = new(() => RSA.Create(2048));
    private static readonly Lazy<RSA> Secondary = new(() => RSA.Create(2048));
    private static readonly Lock SigningGate = new();

    private readonly RSA _key = Primary.Value;

    /// <summary>A second key the provider does not publish (unless a test says so).</summary>
    public static RSA OtherKey => Secondary.Value;

    public string KeyId { get; } = "k-" + Guid.NewGuid().ToString("N")[..8];

    public string Jwks => Jwk(_key, KeyId);

    /// <summary>The discovery document of oidc-provider 9.x (the members the SDK reads, plus a few it ignores).</summary>
    public static string Discovery(string issuer = Issuer, bool issParameter = true, bool revocation = true) => $$"""
        {
          "authorization_endpoint":"{{Issuer}}/auth",
          "claims_parameter_supported":false,
          "claims_supported":["sub","email","email_verified","family_name","given_name","name","preferred_username","updated_at","sid","auth_time","iss"],
          "code_challenge_methods_supported":["S256"],
          "end_session_endpoint":"{{Issuer}}/session/end",
          "grant_types_supported":["authorization_code","refresh_token"],
          "issuer":"{{issuer}}",
          "jwks_uri":"{{JwksUrl}}",
          "authorization_response_iss_parameter_supported":{{(issParameter ? "true" : "false")}},
          "response_modes_supported":["form_post","fragment","query"],
          "response_types_supported":["code"],
          "scopes_supported":["openid","offline_access","profile","email"],
          "subject_types_supported":["public"],
          "token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_jwt","client_secret_post","private_key_jwt","none"],
          "token_endpoint":"{{Issuer}}/token",
          "id_token_signing_alg_values_supported":["RS256"],
          "request_parameter_supported":false,
          "request_uri_parameter_supported":false,
          "userinfo_endpoint":"{{Issuer}}/me",
          {{(revocation ? $"\"revocation_endpoint\":\"{Issuer}/token/revocation\"," : "")}}
          "introspection_endpoint":"{{Issuer}}/token/introspection",
          "claim_types_supported":["normal"]
        }
        """;

    public static string Jwk(RSA key, string keyId)
    {
        var parameters = key.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["kid"] = keyId,
                ["alg"] = "RS256",
                ["e"] = Base64Url.EncodeToString(parameters.Exponent),
                ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            }),
        }.ToJsonString();
    }

    /// <summary>An id_token like oidc-provider issues; <paramref name="change"/> edits the claims.</summary>
    public string IdToken(DateTimeOffset now, string? nonce, Action<JsonObject>? change = null, string audience = OAuthFixtures.ClientId, RSA? signWith = null, string? keyId = null, string algorithm = "RS256")
    {
        var claims = new JsonObject
        {
            ["sub"] = "alice",
            ["aud"] = audience,
            ["iss"] = Issuer,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        change?.Invoke(claims);
        return Sign(claims, signWith ?? _key, keyId ?? KeyId, algorithm);
    }

    public static string Sign(JsonObject claims, RSA key, string keyId, string algorithm = "RS256")
    {
        var header = new JsonObject { ["alg"] = algorithm, ["typ"] = "JWT", ["kid"] = keyId };
        var signingInput = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "."
            + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        byte[] signature;
        lock (SigningGate)
        {
            signature = algorithm == "none" ? [] : key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Reads the nonce and other query parameters of an authorization URL.</summary>
    public static Dictionary<string, string> Query(Uri url) =>
        System.Web.HttpUtility.ParseQueryString(url.Query) is var query
            ? query.AllKeys.ToDictionary(k => k!, k => query[k]!)
            : [];

    public static string? Claim(string jwt, string name) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1])).RootElement.TryGetProperty(name, out var value) ? value.ToString() : null;

    public void Dispose()
    {
        // The keys are shared by every test; nothing to release per instance.
    }
}
