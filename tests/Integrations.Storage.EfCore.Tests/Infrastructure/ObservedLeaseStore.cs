namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// Wraps a process's real lease store: counts the acquisitions that found the lease taken (the SDK
/// then polls), and can freeze the process right after its next acquisition (<see cref="LeaseFreeze"/>).
/// </summary>
internal sealed class ObservedLeaseStore(ILeaseStore inner) : ILeaseStore
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _refused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LeaseFreeze? _freeze;
    private int _refusals;

    /// <summary>How many acquisitions found the lease taken.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    /// <summary>Completes when at least <paramref name="count"/> acquisitions found the lease taken.</summary>
    public async Task WaitForRefusalsAsync(int count)
    {
        while (true)
        {
            Task refused;
            lock (_gate)
            {
                refused = _refused.Task;
            }

            if (Refusals >= count)
            {
                return;
            }

            await refused;
        }
    }

    /// <summary>Freezes the process at its next successful acquisition.</summary>
    public LeaseFreeze FreezeNextAcquisition()
    {
        var freeze = new LeaseFreeze();
        Volatile.Write(ref _freeze, freeze);
        return freeze;
    }

    public async Task<Lease?> TryAcquireAsync(string key, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var lease = await inner.TryAcquireAsync(key, duration, cancellationToken);
        if (lease is null)
        {
            Interlocked.Increment(ref _refusals);
            TaskCompletionSource refused;
            lock (_gate)
            {
                refused = _refused;
                _refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            refused.TrySetResult();
            return null;
        }

        if (Interlocked.Exchange(ref _freeze, null) is { } freeze)
        {
            await freeze.HoldAsync(lease, cancellationToken);
        }

        return lease;
    }

    public Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken = default) =>
        inner.RenewAsync(lease, duration, cancellationToken);

    public Task ReleaseAsync(Lease lease, CancellationToken cancellationToken = default) =>
        inner.ReleaseAsync(lease, cancellationToken);
}
