using BenchmarkDotNet.Attributes;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Auth.OAuth2.Flows;
using Google.Apis.Auth.OAuth2.Responses;
using Integrations;

namespace Integrations.Benchmarks.Tokens;

/// <summary>
/// Getting a valid cached access token: the hot path of every authorized request. Target: under
/// 100 ns and zero bytes per call. Baseline: Google.Apis.Auth's <see cref="UserCredential"/> with a
/// valid token (no network either).
/// </summary>
[MemoryDiagnoser]
public class AccessTokenBenchmarks
{
    private TokenBenchmarkHost _host = null!;
    private IntegrationKey _integration;
    private UserCredential _google = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = new TokenBenchmarkHost();
        _integration = _host.Seed(TimeSpan.FromHours(1));
        _ = GetAccessToken(); // loads the token into the cache

        var flow = new GoogleAuthorizationCodeFlow(new GoogleAuthorizationCodeFlow.Initializer
        {
            ClientSecrets = new ClientSecrets { ClientId = "benchmark.apps.googleusercontent.com", ClientSecret = "not-a-secret" },
        });
        _google = new UserCredential(flow, "user", new TokenResponse
        {
            AccessToken = "access-0",
            RefreshToken = "refresh-0",
            ExpiresInSeconds = 3600,
            IssuedUtc = DateTime.UtcNow,
        });
        _ = GoogleUserCredential();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_host.OAuth.Refreshes != 0)
        {
            throw new InvalidOperationException($"The cached-token benchmark refreshed {_host.OAuth.Refreshes} times.");
        }

        _host.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Google.Apis.Auth UserCredential")]
    public string GoogleUserCredential() => _google.GetAccessTokenForRequestAsync().GetAwaiter().GetResult();

    [Benchmark(Description = "IAccessTokenProvider.GetAccessTokenAsync")]
    public string GetAccessToken()
    {
        var pending = _host.Tokens.GetAccessTokenAsync(_integration);
        return (pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult()).Value;
    }
}
