using System.Collections.Concurrent;

namespace Integrations;

/// <summary>The default <see cref="IPendingAuthorizationStore"/>: thread-safe, in process memory.</summary>
public sealed class InMemoryPendingAuthorizationStore : IPendingAuthorizationStore
{
    private readonly ConcurrentDictionary<string, PendingAuthorization> _byState = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task AddAsync(PendingAuthorization authorization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        if (!_byState.TryAdd(authorization.StateHash, authorization))
        {
            throw new IntegrationException(IntegrationErrorCode.InvalidState, "A pending authorization with this state already exists.");
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<PendingAuthorization?> GetAsync(string stateHash, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byState.GetValueOrDefault(stateHash));

    /// <inheritdoc />
    public Task<bool> TryConsumeAsync(string stateHash, CancellationToken cancellationToken = default) =>
        Task.FromResult(_byState.TryRemove(stateHash, out _));

    /// <inheritdoc />
    public Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        foreach (var (key, value) in _byState)
        {
            if (value.ExpiresAt < before && _byState.TryRemove(new KeyValuePair<string, PendingAuthorization>(key, value)))
            {
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }
}
