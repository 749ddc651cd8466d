namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// Stops a process right after it took a lease, before the SDK learns it has it: the lease is in the
/// database, and the process neither refreshes nor releases it until the test lets it wake
/// (<see cref="Resume"/>) or die (<see cref="Crash"/>).
/// </summary>
internal sealed class LeaseFreeze
{
    private readonly TaskCompletionSource<Lease> _acquired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _end = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the lease once the frozen process holds it in the database.</summary>
    public Task<Lease> Acquired => _acquired.Task;

    /// <summary>The process wakes up and goes on as if nothing happened (a long GC pause, a suspended VM).</summary>
    public void Resume() => _end.TrySetResult();

    /// <summary>The process dies: the acquire fails inside the SDK, which never saw the lease and so never releases it.</summary>
    public void Crash() => _end.TrySetException(new InvalidOperationException("Test: the process died holding the lease."));

    internal async Task HoldAsync(Lease lease, CancellationToken cancellationToken)
    {
        _acquired.TrySetResult(lease);
        await _end.Task.WaitAsync(cancellationToken);
    }
}
