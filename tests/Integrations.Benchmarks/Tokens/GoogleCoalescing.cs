using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Responses;
using Google.Apis.Http;

namespace Integrations.Benchmarks.Tokens;

/// <summary>
/// Google.Apis.Auth: one <see cref="UserCredential"/> holding an expired token (with a refresh token),
/// its flow's HTTP pointed at a <see cref="CountingTokenEndpoint"/>, N concurrent callers of
/// <see cref="UserCredential.GetAccessTokenForRequestAsync"/>.
/// </summary>
internal static class GoogleCoalescing
{
    public static async Task<BurstResult> RunAsync(int callers, bool held)
    {
        var gate = new TokenEndpointGate(held);
        var endpoint = new CountingTokenEndpoint(gate);
        using var flow = new GoogleAuthorizationCodeFlow(new GoogleAuthorizationCodeFlow.Initializer
        {
            ClientSecrets = new ClientSecrets { ClientId = "benchmark.apps.googleusercontent.com", ClientSecret = "not-a-secret" },
            HttpClientFactory = new Factory(endpoint),
        });
        var credential = new UserCredential(flow, "user", new TokenResponse
        {
            AccessToken = "access-0",
            RefreshToken = "refresh-0",
            ExpiresInSeconds = 3600,
            IssuedUtc = DateTime.UtcNow.AddHours(-3),
        });

        var calls = new Task<string>[callers];
        Parallel.For(0, callers, i => calls[i] = credential.GetAccessTokenForRequestAsync());
        gate.Open();
        var tokens = await Task.WhenAll(calls);
        return BurstResult.From(endpoint, tokens);
    }

    /// <summary>Google's own HTTP client factory abstraction, handing out clients over the counting endpoint.</summary>
    private sealed class Factory(HttpMessageHandler endpoint) : Google.Apis.Http.IHttpClientFactory
    {
        public ConfigurableHttpClient CreateHttpClient(CreateHttpClientArgs args) =>
            new(new ConfigurableMessageHandler(endpoint) { ApplicationName = args.ApplicationName });
    }
}
