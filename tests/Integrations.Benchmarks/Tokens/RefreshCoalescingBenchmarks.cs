using BenchmarkDotNet.Attributes;
using Integrations;

namespace Integrations.Benchmarks.Tokens;

/// <summary>
/// 1,000 concurrent callers on an expired token, cold cache: one token request for all of them
/// (checked after the run; MSAL.NET sends one per cold caller, Google.Apis.Auth one in all).
/// </summary>
[MemoryDiagnoser]
public class RefreshCoalescingBenchmarks
{
    private const int Callers = 1000;
    private readonly Task<AccessToken>[] _calls = new Task<AccessToken>[Callers];
    private TokenBenchmarkHost _host = null!;
    private long _bursts;

    [GlobalSetup]
    public void Setup() => _host = new TokenBenchmarkHost();

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// Coalescing: {_bursts} bursts of {Callers} cold callers sent {_host.OAuth.Refreshes} token requests.");
        if (_host.OAuth.Refreshes != _bursts)
        {
            throw new InvalidOperationException($"Expected one token request per burst, got {_host.OAuth.Refreshes} for {_bursts}.");
        }

        _host.Dispose();
    }

    [Benchmark(OperationsPerInvoke = Callers, Description = "1,000 cold callers, expired token (per caller)")]
    public async Task ColdCallersOnExpiredToken()
    {
        // A new integration each time: nothing cached, the token expired a minute ago.
        var integration = _host.Seed(TimeSpan.FromMinutes(-1));
        _bursts++;
        Parallel.For(0, Callers, i => _calls[i] = _host.Tokens.GetAccessTokenAsync(integration).AsTask());
        await Task.WhenAll(_calls);
    }
}
