using System.Security.Cryptography;

namespace Integrations;

/// <summary>
/// The default <see cref="ILeaseStore"/>: leases in process memory. Coordinates callers of one
/// process only; use a shared store (EF Core) to coordinate several processes.
/// </summary>
/// <param name="timeProvider">The clock that decides expiry.</param>
public sealed class InMemoryLeaseStore(TimeProvider timeProvider) : ILeaseStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Lease> _leases = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<Lease?> TryAcquireAsync(string key, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_leases.TryGetValue(key, out var held) && held.ExpiresAt > now)
            {
                return Task.FromResult<Lease?>(null);
            }

            var lease = new Lease(key, RandomNumberGenerator.GetHexString(32, lowercase: true), now + duration);
            _leases[key] = lease;
            return Task.FromResult<Lease?>(lease);
        }
    }

    /// <inheritdoc />
    public Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (!_leases.TryGetValue(lease.Key, out var held) || held.Holder != lease.Holder || held.ExpiresAt <= now)
            {
                return Task.FromResult<Lease?>(null);
            }

            var renewed = held with { ExpiresAt = now + duration };
            _leases[lease.Key] = renewed;
            return Task.FromResult<Lease?>(renewed);
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(Lease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        lock (_gate)
        {
            if (_leases.TryGetValue(lease.Key, out var held) && held.Holder == lease.Holder)
            {
                _leases.Remove(lease.Key);
            }
        }

        return Task.CompletedTask;
    }
}
