namespace Integrations.Benchmarks.Tokens;

/// <summary>
/// The SDK: a new integration whose access token expired a minute ago (nothing cached), N concurrent
/// callers of <see cref="IAccessTokenProvider.GetAccessTokenAsync"/>. The benchmark provider counts the
/// refreshes and answers when the burst's <see cref="TokenEndpointGate"/> lets it.
/// </summary>
internal static class IntegrationsCoalescing
{
    public static async Task<BurstResult> RunAsync(TokenBenchmarkHost host, int callers, bool held)
    {
        var integration = host.Seed(TimeSpan.FromMinutes(-1));
        var before = host.OAuth.Refreshes;
        var gate = new TokenEndpointGate(held);
        host.OAuth.Gate = gate;
        var calls = new Task<AccessToken>[callers];
        Parallel.For(0, callers, i => calls[i] = host.Tokens.GetAccessTokenAsync(integration).AsTask());
        gate.Open();
        var tokens = await Task.WhenAll(calls);
        host.OAuth.Gate = null;
        return new BurstResult(host.OAuth.Refreshes - before, 0, 0, tokens.Select(t => t.Value).Distinct(StringComparer.Ordinal).Count());
    }
}
