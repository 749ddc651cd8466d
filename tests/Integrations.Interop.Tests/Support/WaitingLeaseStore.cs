namespace Integrations.Interop.Tests.Support;

/// <summary>
/// A lease store whose acquire waits for the holder's release instead of answering "taken" (as a
/// database lock that blocks would). The SDK would otherwise poll on its clock, which in these tests
/// is a fake one that only the test moves; with this store a process that lost the race goes on by
/// itself as soon as the winner releases, and then reads the winner's tokens under the lease.
/// </summary>
internal sealed class WaitingLeaseStore(ILeaseStore inner) : ILeaseStore
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _firstRefusal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _refusals;

    /// <summary>Completes when a caller first found the lease taken (and so waits for it).</summary>
    public Task FirstRefusal => _firstRefusal.Task;

    /// <summary>How many acquire attempts found the lease taken.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    public async Task<Lease?> TryAcquireAsync(string key, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            // Read before trying, so a release between the refusal and the wait is not missed.
            Task released;
            lock (_gate)
            {
                released = _released.Task;
            }

            if (await inner.TryAcquireAsync(key, duration, cancellationToken) is { } lease)
            {
                return lease;
            }

            Interlocked.Increment(ref _refusals);
            _firstRefusal.TrySetResult();
            await released.WaitAsync(cancellationToken);
        }
    }

    public Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken = default) =>
        inner.RenewAsync(lease, duration, cancellationToken);

    public async Task ReleaseAsync(Lease lease, CancellationToken cancellationToken = default)
    {
        await inner.ReleaseAsync(lease, cancellationToken);
        TaskCompletionSource released;
        lock (_gate)
        {
            released = _released;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.TrySetResult();
    }
}
