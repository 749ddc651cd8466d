namespace Integrations.Benchmarks.Tokens;

/// <summary>What one burst of cold callers cost: token requests sent, discovery requests apart, tokens handed out.</summary>
internal sealed record BurstResult(long TokenRequests, long DiscoveryRequests, long OtherRequests, int DistinctTokens)
{
    public static BurstResult From(CountingTokenEndpoint endpoint, IEnumerable<string> tokens) =>
        new(endpoint.TokenRequests, endpoint.DiscoveryRequests, endpoint.OtherRequests, tokens.Distinct(StringComparer.Ordinal).Count());
}
