using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using Integrations.Testing;
using Integrations.TestSupport;

namespace Integrations.Core.Tests.Sandbox;

/// <summary>A sandbox on a fake clock and a plain HttpClient over its handler: the protocol seen from a client.</summary>
internal sealed class SandboxHarness : IDisposable
{
    public static readonly Uri RedirectUri = new("https://app.example.test/oauth/callback");
    public const string AllScopes = "openid profile email offline_access messages.read";

    public SandboxHarness(Action<SandboxOptions>? configure = null)
    {
        var options = new SandboxOptions();
        configure?.Invoke(options);
        Time = new FakeTimeProvider();
        Server = new SandboxAuthorizationServer(options, Time);
        Http = Server.CreateHttpClient();
    }

    /// <summary>Drives a server built elsewhere (for example by DI) through a client built elsewhere.</summary>
    public SandboxHarness(SandboxAuthorizationServer server, HttpClient http, FakeTimeProvider time)
    {
        Server = server;
        Http = http;
        Time = time;
    }

    public FakeTimeProvider Time { get; }

    public SandboxAuthorizationServer Server { get; }

    public HttpClient Http { get; }

    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public Uri AuthorizationUrl(string challenge, string? scope = AllScopes, string? state = "state-1", Uri? redirectUri = null, params (string Name, string? Value)[] overrides)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = Server.ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = (redirectUri ?? RedirectUri).AbsoluteUri,
            ["scope"] = scope,
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        };
        foreach (var (name, value) in overrides)
        {
            parameters[name] = value;
        }

        var query = string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        return new Uri(Server.AuthorizationEndpoint + "?" + query);
    }

    public static IReadOnlyDictionary<string, string> Query(Uri uri)
    {
        var query = HttpUtility.ParseQueryString(uri.Query);
        return query.AllKeys.ToDictionary(k => k!, k => query[k]!);
    }

    /// <summary>Runs the authorization step through the user simulator; returns the code and the PKCE verifier.</summary>
    public async Task<(string Code, string Verifier)> AuthorizeAsync(string scope = AllScopes)
    {
        var (verifier, challenge) = NewPkce();
        var callback = await Server.AuthorizeAsync(AuthorizationUrl(challenge, scope));
        return (Query(callback)["code"], verifier);
    }

    public Task<HttpResponseMessage> PostTokenAsync(IEnumerable<(string Name, string Value)> form, ClientAuthenticationMethod auth = ClientAuthenticationMethod.Basic) =>
        PostFormAsync(Server.TokenEndpoint, form, auth);

    public async Task<HttpResponseMessage> PostFormAsync(Uri endpoint, IEnumerable<(string Name, string Value)> form, ClientAuthenticationMethod auth = ClientAuthenticationMethod.Basic)
    {
        var fields = form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        switch (auth)
        {
            case ClientAuthenticationMethod.Basic:
                request.Headers.Authorization = BasicCredentials(Server.ClientId, Server.ClientSecret);
                break;
            case ClientAuthenticationMethod.Post:
                fields.Add(new("client_id", Server.ClientId));
                fields.Add(new("client_secret", Server.ClientSecret));
                break;
            default:
                fields.Add(new("client_id", Server.ClientId));
                break;
        }

        request.Content = new FormUrlEncodedContent(fields);
        return await Http.SendAsync(request);
    }

    public static AuthenticationHeaderValue BasicCredentials(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    public Task<HttpResponseMessage> ExchangeCodeAsync(string code, string verifier, ClientAuthenticationMethod auth = ClientAuthenticationMethod.Basic) =>
        PostTokenAsync([("grant_type", "authorization_code"), ("code", code), ("code_verifier", verifier), ("redirect_uri", RedirectUri.AbsoluteUri)], auth);

    public Task<HttpResponseMessage> RefreshAsync(string refreshToken, ClientAuthenticationMethod auth = ClientAuthenticationMethod.Basic) =>
        PostTokenAsync([("grant_type", "refresh_token"), ("refresh_token", refreshToken)], auth);

    /// <summary>The whole code flow; returns the token response.</summary>
    public async Task<TokenResponse> ConnectAsync(string scope = AllScopes)
    {
        var (code, verifier) = await AuthorizeAsync(scope);
        using var response = await ExchangeCodeAsync(code, verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return TokenResponse.From(await JsonAsync(response));
    }

    public async Task<TokenResponse> RefreshOkAsync(string refreshToken)
    {
        using var response = await RefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return TokenResponse.From(await JsonAsync(response));
    }

    public async Task<HttpResponseMessage> GetAsync(Uri endpoint, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await Http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 6749 §5.2 error response and returns its description.</summary>
    public static async Task<string> AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Equal(error, json.GetProperty("error").GetString());
        Assert.True(response.Headers.CacheControl?.NoStore, "OAuth error responses must not be cached");
        return json.GetProperty("error_description").GetString()!;
    }

    public void Dispose() => Http.Dispose();

    internal sealed record TokenResponse(string AccessToken, string? RefreshToken, long ExpiresIn, string Scope, string TokenType)
    {
        public static TokenResponse From(JsonElement json) => new(
            json.GetProperty("access_token").GetString()!,
            json.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            json.GetProperty("expires_in").GetInt64(),
            json.GetProperty("scope").GetString()!,
            json.GetProperty("token_type").GetString()!);
    }
}
