namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// Wraps a process's real lease store: counts the acquisitions that found the lease taken (the SDK
/// then polls) and the releases, and can freeze the process right after its next acquisition
/// (<see cref="LeaseFreeze"/>).
/// </summary>
internal sealed class ObservedLeaseStore(ILeaseStore inner) : ILeaseStore
{
    private readonly Occurrences _refusals = new();
    private readonly Occurrences _releases = new();
    private LeaseFreeze? _freeze;

    /// <summary>How many acquisitions found the lease taken.</summary>
    public int Refusals => _refusals.Count;

    /// <summary>Completes when at least <paramref name="count"/> acquisitions found the lease taken.</summary>
    public Task WaitForRefusalsAsync(int count) => _refusals.WaitForAsync(count);

    /// <summary>
    /// Completes when at least <paramref name="count"/> releases have finished. The SDK hands the new
    /// token to its callers before it releases the lease, so a test that looks at the lease table
    /// after the callers returned must wait for this first.
    /// </summary>
    public Task WaitForReleasesAsync(int count) => _releases.WaitForAsync(count);

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
            _refusals.Add();
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

    public async Task ReleaseAsync(Lease lease, CancellationToken cancellationToken = default)
    {
        await inner.ReleaseAsync(lease, cancellationToken);
        _releases.Add();
    }

    /// <summary>A count that tests can wait on.</summary>
    private sealed class Occurrences
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add()
        {
            Interlocked.Increment(ref _count);
            TaskCompletionSource next;
            lock (_gate)
            {
                next = _next;
                _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            next.TrySetResult();
        }

        public async Task WaitForAsync(int count)
        {
            while (true)
            {
                Task next;
                lock (_gate)
                {
                    next = _next.Task;
                }

                if (Count >= count)
                {
                    return;
                }

                await next;
            }
        }
    }
}
