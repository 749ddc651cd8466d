using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Sample;

/// <summary>
/// The default run: the whole life of an integration against the sandbox provider, which runs
/// inside this process (package Integrations.Testing), so it needs no account and no network.
/// </summary>
internal sealed class SandboxFlow(SampleHost host, SampleConsole console)
{
    // Where a web host's callback endpoint would be. The sandbox's simulated user never leaves this
    // process, so nothing listens here.
    private static readonly Uri RedirectUri = new("https://app.example/integrations/callback");

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var sandbox = host.Services.GetRequiredKeyedService<SandboxAuthorizationServer>(SandboxDefaults.Name);
        var integration = await ConnectAsync(sandbox, cancellationToken);

        console.Step("Show the connected account");
        console.Say("The profile came from the provider's userinfo endpoint during the connect; it is stored on the integration.");
        Show.Profile(console, integration);

        await ExpireAndRefreshAsync(sandbox, integration, cancellationToken);
        await CallApiAsync(sandbox, integration, cancellationToken);
        await new SyncFlow(host, console).RunAsync(integration, cancellationToken);
        await DisconnectAsync(sandbox, integration, cancellationToken);
    }

    private async Task<Integration> ConnectAsync(SandboxAuthorizationServer sandbox, CancellationToken cancellationToken)
    {
        console.Step("Connect a sandbox account");
        console.Say("BeginConnectAsync stores a pending authorization (random state, PKCE S256 verifier, 10 minutes to live) and returns the provider's sign-in URL:");
        var start = await host.Manager.BeginConnectAsync(
            new BeginConnectRequest { Owner = SampleHost.User, Provider = SandboxDefaults.Name, RedirectUri = RedirectUri },
            cancellationToken);
        console.Detail("sign-in URL", Show.Redacted(start.AuthorizationUrl));

        console.Say("A user would now sign in and consent in the browser. The sandbox's simulated user does it at once, and the provider redirects back:");
        var callback = await sandbox.AuthorizeAsync(start.AuthorizationUrl, cancellationToken);
        console.Detail("callback", Show.Redacted(callback));

        console.Say("CompleteConnectAsync consumes the state (once), exchanges the code and the PKCE verifier for tokens, reads the profile, and saves the integration with its tokens encrypted.");
        var result = await host.Manager.CompleteConnectAsync(SampleHost.User, ConnectCallback.FromUri(callback), cancellationToken);
        Show.Connected(console, result, host.StoreName);
        return result.Integration;
    }

    private async Task ExpireAndRefreshAsync(SandboxAuthorizationServer sandbox, Integration integration, CancellationToken cancellationToken)
    {
        console.Step("Let the access token expire, then refresh it");
        var before = await host.Tokens.GetAccessTokenAsync(integration.Key, cancellationToken);
        console.Detail("access token now", $"{Fingerprint.Of(before.Value)}, expires {Show.Time(before.ExpiresAt)}");

        // Sandbox tokens live five minutes. Rather than wait, move the clock that the SDK and the
        // sandbox share (the registered TimeProvider) past the expiry.
        console.Say($"Moving the demo clock {SampleHost.SandboxTokenLifetime.TotalMinutes:0} minutes forward (the SDK and the sandbox share it), past the token's expiry...");
        host.Clock!.Advance(SampleHost.SandboxTokenLifetime);
        if (sandbox.TryValidateAccessToken(before.Value, out _))
        {
            throw new SampleException("The sandbox still accepts the access token after its expiry.");
        }

        console.Ok("The sandbox rejects the old access token now: it has expired.");
        console.Say("GetAccessTokenAsync notices and refreshes with the refresh token. Concurrent callers would share this one refresh; the sandbox rotates the refresh token too.");
        var refreshes = sandbox.Requests.Refreshes;
        var after = await host.Tokens.GetAccessTokenAsync(integration.Key, cancellationToken);
        Show.TokenChange(console, before, after);
        console.Detail("refresh requests to the token endpoint", (sandbox.Requests.Refreshes - refreshes).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task CallApiAsync(SandboxAuthorizationServer sandbox, Integration integration, CancellationToken cancellationToken)
    {
        console.Step("Call the provider's API through the resilient HttpClient");
        console.Say($"GET {SandboxDefaults.MessagesPath} with an HttpClient bound to the integration: it adds the access token to every attempt "
            + "and retries transient failures (408, 429, 5xx, network) with exponential backoff and jitter, honouring Retry-After.");
        console.Say("To show it, the sandbox fails the next two calls: 503 Service Unavailable, then 429 Too Many Requests with Retry-After: 1 s.");
        sandbox.Failures.EnqueueApiFailure(SandboxFailure.ServiceUnavailable());
        sandbox.Failures.EnqueueApiFailure(SandboxFailure.TooManyRequests(TimeSpan.FromSeconds(1)));
        var attemptsBefore = sandbox.Requests[SandboxEndpoint.Api];

        using var api = host.HttpClients.CreateClient(integration.Key, SampleHost.ApiClient);
        var elapsed = Stopwatch.StartNew();
        using var response = await api.GetAsync(SandboxDefaults.MessagesPath, cancellationToken);

        // Turns a failure that outlasted the retries into a typed IntegrationException.
        await response.EnsureIntegrationSuccessAsync(SandboxDefaults.Name, cancellationToken: cancellationToken);
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var attempts = sandbox.Requests[SandboxEndpoint.Api] - attemptsBefore;
        console.Ok($"{(int)response.StatusCode} {response.ReasonPhrase} after {attempts} attempts in {elapsed.Elapsed.TotalSeconds:0.0} s: {attempts - 1} retries, the caller saw one successful response.");
        foreach (var message in page.GetProperty("items").EnumerateArray())
        {
            console.Detail("message", $"{message.GetProperty("from").GetString()}: {message.GetProperty("subject").GetString()}");
        }
    }

    private async Task DisconnectAsync(SandboxAuthorizationServer sandbox, Integration integration, CancellationToken cancellationToken)
    {
        console.Step("Disconnect");
        console.Say("DisconnectAsync revokes the grant at the provider's revocation endpoint (RFC 7009), then deletes the integration.");
        var lastToken = await host.Tokens.GetAccessTokenAsync(integration.Key, cancellationToken);
        var grants = sandbox.ActiveGrantCount;
        var revocations = sandbox.Requests[SandboxEndpoint.Revocation];

        await host.Manager.DisconnectAsync(integration.Key, cancellationToken);

        var stillAccepted = sandbox.TryValidateAccessToken(lastToken.Value, out _);
        console.Detail("revocation requests", (sandbox.Requests[SandboxEndpoint.Revocation] - revocations).ToString(System.Globalization.CultureInfo.InvariantCulture));
        console.Detail("active grants at the sandbox", $"{grants} -> {sandbox.ActiveGrantCount}");
        console.Detail("last access token", stillAccepted ? "still accepted" : "rejected by the sandbox");
        if (stillAccepted || sandbox.ActiveGrantCount != 0)
        {
            throw new SampleException("The sandbox still holds the grant after the disconnect.");
        }

        console.Ok("Revoked at the provider: the grant and its tokens are dead.");
        var remaining = await host.Manager.ListAsync(SampleHost.User, cancellationToken: cancellationToken);
        console.Ok($"Deleted from {host.StoreName}: the user has {remaining.Count} integrations left.");
    }
}
