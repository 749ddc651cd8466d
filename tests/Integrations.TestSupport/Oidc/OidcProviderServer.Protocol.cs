using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Integrations.TestSupport.Oidc;

/// <summary>
/// Direct calls to the server, past the SDK: what a test uses to check what the server thinks of a
/// token, or to change things behind the SDK's back (revoke a grant as the user would at the provider).
/// </summary>
public sealed partial class OidcProviderServer
{
    private readonly HttpClient _http;

    /// <summary>Calls <c>/me</c> with a bearer token.</summary>
    public async Task<OidcResponse> UserInfoAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a refresh grant directly, as <c>sdk-client</c>. Careful: at this server a live refresh
    /// token is consumed by it, and a consumed one revokes its whole grant (replay detection).
    /// </summary>
    public Task<OidcResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default) =>
        PostAsync("/token", [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken);

    /// <summary>Revokes a token at <c>/token/revocation</c> as <c>sdk-client</c> (the user removing the app at the provider).</summary>
    public Task<OidcResponse> RevokeAsync(string token, string tokenTypeHint, CancellationToken cancellationToken = default) =>
        PostAsync("/token/revocation", [new("token", token), new("token_type_hint", tokenTypeHint)], cancellationToken);

    /// <summary>Asks <c>/token/introspection</c> whether a token of <c>sdk-client</c> is active.</summary>
    public async Task<bool> IsActiveAsync(string token, CancellationToken cancellationToken = default)
    {
        var response = await PostAsync("/token/introspection", [new("token", token)], cancellationToken).ConfigureAwait(false);
        return response.Status == HttpStatusCode.OK && response.Json.TryGetProperty("active", out var active) && active.ValueKind == JsonValueKind.True;
    }

    private async Task<OidcResponse> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = BasicCredentials(ClientId, ClientSecret);
        return await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<OidcResponse> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var json = body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        return new OidcResponse(response.StatusCode, json);
    }

    private static AuthenticationHeaderValue BasicCredentials(string clientId, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
}
