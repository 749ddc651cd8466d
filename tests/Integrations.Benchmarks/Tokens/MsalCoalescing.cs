using Microsoft.Identity.Client;

namespace Integrations.Benchmarks.Tokens;

/// <summary>
/// MSAL.NET: a new confidential client application (cold in-memory token cache) whose HTTP goes to a
/// <see cref="CountingTokenEndpoint"/>, N concurrent <c>AcquireTokenForClient(scopes).ExecuteAsync()</c>.
/// </summary>
internal static class MsalCoalescing
{
    private static readonly string[] Scopes = ["api://benchmark/.default"];

    public static async Task<BurstResult> RunAsync(int callers, bool held)
    {
        var gate = new TokenEndpointGate(held);
        var endpoint = new CountingTokenEndpoint(gate);
        var app = ConfidentialClientApplicationBuilder.Create(Guid.NewGuid().ToString())
            .WithClientSecret("not-a-secret")
            .WithAuthority($"https://login.microsoftonline.com/{Guid.NewGuid()}/")
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new Factory(endpoint))
            .Build();

        var calls = new Task<AuthenticationResult>[callers];
        Parallel.For(0, callers, i => calls[i] = app.AcquireTokenForClient(Scopes).ExecuteAsync());
        gate.Open();
        var results = await Task.WhenAll(calls);
        return BurstResult.From(endpoint, results.Select(r => r.AccessToken));
    }

    /// <summary>MSAL's HTTP client factory abstraction: one client over the counting endpoint.</summary>
    private sealed class Factory(HttpMessageHandler endpoint) : IMsalHttpClientFactory
    {
        private readonly HttpClient _client = new(endpoint, disposeHandler: false);

        public HttpClient GetHttpClient() => _client;
    }
}
