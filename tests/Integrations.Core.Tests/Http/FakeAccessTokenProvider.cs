using System.Collections.Concurrent;

namespace Integrations.Core.Tests.Http;

/// <summary>
/// Stands in for the real token provider: hands out <see cref="Current"/>, and on a forced refresh
/// moves to <see cref="NextOnRefresh"/> when one is queued (otherwise returns the same token, as the
/// real provider does when it has nothing newer).
/// </summary>
internal sealed class FakeAccessTokenProvider : IAccessTokenProvider
{
    private int _getCalls;
    private int _refreshCalls;

    public AccessToken Current { get; set; } = new("token-1", "Bearer", null);

    public AccessToken? NextOnRefresh { get; set; }

    public IntegrationException? GetFailure { get; set; }

    public IntegrationException? RefreshFailure { get; set; }

    public int GetCalls => Volatile.Read(ref _getCalls);

    public int RefreshCalls => Volatile.Read(ref _refreshCalls);

    public ConcurrentQueue<IntegrationKey> Integrations { get; } = new();

    public ConcurrentQueue<AccessToken?> RejectedTokens { get; } = new();

    public ValueTask<AccessToken> GetAccessTokenAsync(IntegrationKey integration, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _getCalls);
        Integrations.Enqueue(integration);
        return GetFailure is { } failure ? ValueTask.FromException<AccessToken>(failure) : ValueTask.FromResult(Current);
    }

    public ValueTask<AccessToken> RefreshAccessTokenAsync(IntegrationKey integration, AccessToken? rejectedToken, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _refreshCalls);
        RejectedTokens.Enqueue(rejectedToken);
        if (RefreshFailure is { } failure)
        {
            return ValueTask.FromException<AccessToken>(failure);
        }

        if (NextOnRefresh is { } next)
        {
            Current = next;
            NextOnRefresh = null;
        }

        return ValueTask.FromResult(Current);
    }
}
