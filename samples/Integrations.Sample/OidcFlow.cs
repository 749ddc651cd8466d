using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Sample;

/// <summary>
/// The same tour against a real OpenID Connect provider (Google, Microsoft, Keycloak, Auth0, ...):
/// the user signs in in the system browser, the provider redirects to a loopback listener, and the
/// rest is what a web host does too.
/// </summary>
internal sealed class OidcFlow(SampleHost host, SampleConsole console, SampleOptions options, IBrowser browser)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var metadata = await ProviderMetadata.ReadAsync(Http, options.Authority!, cancellationToken);
        var integration = await ConnectAsync(metadata, cancellationToken);

        console.Step("Show the connected account");
        console.Say("The profile came from the provider's userinfo endpoint during the connect (its subject checked against the id_token's).");
        Show.Profile(console, integration);

        await RefreshAsync(integration, cancellationToken);
        await CallUserInfoAsync(integration, metadata, cancellationToken);
        await DisconnectAsync(integration, metadata, cancellationToken);
    }

    /// <summary>A plain HttpClient, for what is not an integration's API call (the discovery document).</summary>
    private HttpClient Http => host.Services.GetRequiredService<IHttpClientFactory>().CreateClient();

    private async Task<Integration> ConnectAsync(ProviderMetadata metadata, CancellationToken cancellationToken)
    {
        console.Step("Connect your account");
        using var listener = new LoopbackCallbackListener(options.Port);
        var (scopes, extra) = ChooseScopes(metadata);
        var start = await host.Manager.BeginConnectAsync(
            new BeginConnectRequest
            {
                Owner = SampleHost.User,
                Provider = SampleHost.OidcProvider,
                RedirectUri = listener.RedirectUri,
                Scopes = scopes,
                ExtraParameters = extra,
            },
            cancellationToken);

        console.Say($"BeginConnectAsync stored a pending authorization (random state, PKCE S256 verifier, nonce) for scopes '{string.Join(' ', scopes)}'. "
            + $"The redirect URI {listener.RedirectUri} must be registered for your client at the provider.");
        var callback = await BrowserSignIn.WaitForCallbackAsync(console, browser, listener, start.AuthorizationUrl, "Sign in with this URL", "the provider", cancellationToken);

        console.Say("CompleteConnectAsync consumes the state (once), checks the issuer (RFC 9207), exchanges the code and PKCE verifier for tokens, validates the id_token (signature, issuer, audience, nonce), reads the profile and saves the integration with its tokens encrypted.");
        var result = await host.Manager.CompleteConnectAsync(SampleHost.User, ConnectCallback.FromUri(callback), cancellationToken);
        Show.Connected(console, result, host.StoreName);
        return result.Integration;
    }

    /// <summary>
    /// The scopes to ask for, and what it takes to get a refresh token: the standard
    /// <c>offline_access</c> scope (with <c>prompt=consent</c>, OpenID Connect Core §11) where the
    /// provider supports it, Google's own <c>access_type=offline</c> at Google.
    /// </summary>
    private (ImmutableArray<string> Scopes, ImmutableDictionary<string, string> Extra) ChooseScopes(ProviderMetadata metadata)
    {
        var extra = ImmutableDictionary<string, string>.Empty;
        if (new Uri(options.Authority!).Host.Equals("accounts.google.com", StringComparison.OrdinalIgnoreCase))
        {
            extra = extra.Add("access_type", "offline").Add("prompt", "consent");
        }

        ImmutableArray<string> scopes = options.Scopes.Count > 0 ? [.. options.Scopes] : ["openid", "profile", "email"];
        if (options.Scopes.Count == 0 && metadata.ScopesSupported.Contains("offline_access"))
        {
            scopes = scopes.Add("offline_access");
        }

        if (scopes.Contains("offline_access") && !extra.ContainsKey("prompt"))
        {
            extra = extra.Add("prompt", "consent");
        }

        return (scopes, extra);
    }

    private async Task RefreshAsync(Integration integration, CancellationToken cancellationToken)
    {
        console.Step("Refresh the access token");
        if (integration.Tokens is not { HasRefreshToken: true })
        {
            console.Warn("The provider issued no refresh token, so the SDK cannot refresh: the user would reconnect when the access token expires. "
                + "Ask for offline access (--scope \"openid offline_access\", or the provider's own parameter) to see a refresh.");
            return;
        }

        var before = await host.Tokens.GetAccessTokenAsync(integration.Key, cancellationToken);
        console.Detail("access token now", $"{Fingerprint.Of(before.Value)}, expires {Show.Time(before.ExpiresAt)}");
        console.Say("Real tokens live for minutes or hours, so the sample forces the refresh with RefreshAccessTokenAsync: "
            + "what the integration HttpClient does when an API answers 401. GetAccessTokenAsync does it by itself shortly before expiry.");
        var after = await host.Tokens.RefreshAccessTokenAsync(integration.Key, before, cancellationToken);
        Show.TokenChange(console, before, after);
    }

    private async Task CallUserInfoAsync(Integration integration, ProviderMetadata metadata, CancellationToken cancellationToken)
    {
        console.Step("Call the provider's API through the resilient HttpClient");
        if (metadata.UserInfoEndpoint is not { } userInfo)
        {
            console.Warn("The provider announces no userinfo endpoint; skipping the API call.");
            return;
        }

        console.Say($"GET {userInfo} with an HttpClient bound to the integration: it adds the access token to every attempt, "
            + "retries transient failures (408, 429, 5xx, network) with backoff and Retry-After, and refreshes once on a 401.");
        using var api = host.HttpClients.CreateClient(integration.Key, SampleHost.ApiClient);
        using var response = await api.GetAsync(userInfo, cancellationToken);
        await response.EnsureIntegrationSuccessAsync(SampleHost.OidcProvider, cancellationToken: cancellationToken);
        var claims = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        console.Ok($"{(int)response.StatusCode} {response.ReasonPhrase}: the provider answered for subject '{Claim(claims, "sub")}'.");
        foreach (var name in new[] { "name", "email", "preferred_username" })
        {
            if (Claim(claims, name) is { } value)
            {
                console.Detail(name, value);
            }
        }
    }

    private async Task DisconnectAsync(Integration integration, ProviderMetadata metadata, CancellationToken cancellationToken)
    {
        console.Step("Disconnect");
        var lastToken = await host.Tokens.GetAccessTokenAsync(integration.Key, cancellationToken);
        console.Say(metadata.RevocationEndpoint is { } revocation
            ? $"DisconnectAsync revokes the grant at {revocation} (RFC 7009), then deletes the integration."
            : "DisconnectAsync deletes the integration. The provider announces no revocation endpoint, so the grant stays at the provider until the user removes the app there.");
        await host.Manager.DisconnectAsync(integration.Key, cancellationToken);

        var remaining = await host.Manager.ListAsync(SampleHost.User, cancellationToken: cancellationToken);
        console.Ok($"Deleted from {host.StoreName}: the user has {remaining.Count} integrations left.");
        if (metadata.RevocationEndpoint is null || metadata.UserInfoEndpoint is not { } userInfo)
        {
            return;
        }

        // Proof from the provider's side: the last access token no longer works.
        var status = await host.ProbeAsync(userInfo, lastToken, cancellationToken);
        if (status == HttpStatusCode.Unauthorized)
        {
            console.Ok("Revoked at the provider: it answers 401 to the last access token now.");
        }
        else
        {
            console.Warn($"The provider still answers {(int)status} to the last access token: it revoked the refresh token, and lets the access token run out on its own.");
        }
    }

    private static string? Claim(JsonElement claims, string name) =>
        claims.ValueKind == JsonValueKind.Object && claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
