namespace Integrations.Core.Tests.Sync.Support;

/// <summary>Wraps a lease store so tests can await renewals, or make them fail as if the lease had been taken.</summary>
public sealed class ObservedLeaseStore(ILeaseStore inner) : ILeaseStore
{
    private TaskCompletionSource<Lease?> _nextRenewal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool LoseOnRenewal { get; set; }

    public Task<Lease?> NextRenewalAsync() => Volatile.Read(ref _nextRenewal).Task;

    public Task<Lease?> TryAcquireAsync(string key, TimeSpan duration, CancellationToken cancellationToken = default) => inner.TryAcquireAsync(key, duration, cancellationToken);

    public async Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var renewed = LoseOnRenewal ? null : await inner.RenewAsync(lease, duration, cancellationToken);
        Interlocked.Exchange(ref _nextRenewal, new TaskCompletionSource<Lease?>(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult(renewed);
        return renewed;
    }

    public Task ReleaseAsync(Lease lease, CancellationToken cancellationToken = default) => inner.ReleaseAsync(lease, cancellationToken);
}
