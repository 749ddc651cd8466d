using Integrations;

namespace Integrations.Benchmarks.Tokens;

/// <summary>
/// A provider whose token endpoint answers after one asynchronous hop (like a network call, without
/// one) and counts the refreshes it was asked for. The coalescing command holds its answers with a
/// <see cref="Gate"/>.
/// </summary>
internal sealed class BenchmarkOAuthProvider(TimeProvider time) : IOAuthProvider
{
    private long _refreshes;

    public string Name => "bench";

    public TokenRefreshOptions TokenRefresh { get; } = new();

    public bool SupportsRevocation => false;

    public long Refreshes => Interlocked.Read(ref _refreshes);

    /// <summary>When set, the token endpoint answers when this gate lets it (instead of after one asynchronous hop).</summary>
    public TokenEndpointGate? Gate { get; set; }

    public async Task<TokenSet> RefreshAsync(TokenRefreshContext context, CancellationToken cancellationToken = default)
    {
        var n = Interlocked.Increment(ref _refreshes);
        if (Gate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }
        else
        {
            await Task.Yield();
        }

        return new TokenSet($"access-{n}") { RefreshToken = $"refresh-{n}", ExpiresAt = time.GetUtcNow().AddHours(1) };
    }

    public ValueTask<Uri> CreateAuthorizationUrlAsync(AuthorizationUrlContext context, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TokenSet> ExchangeCodeAsync(CodeExchangeContext context, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ExternalAccount> GetAccountAsync(TokenSet tokens, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IReadOnlyList<string> GetGrantedScopes(ConnectCallback callback, TokenSet tokens, IReadOnlyList<string> requestedScopes) => throw new NotSupportedException();

    public Task RevokeAsync(TokenSet tokens, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
