namespace Integrations.Internal;

/// <summary>One resource of an accepted request: a run this process owns (with its lease), or a running one it joins.</summary>
internal sealed class SyncStart
{
    public required SyncPlan Plan { get; init; }

    /// <summary>The run as it started (owned) or as it was found (joined).</summary>
    public required SyncRun Run { get; init; }

    /// <summary>The owned run, or <see langword="null"/> when joining.</summary>
    public SyncActiveRun? Active { get; init; }

    public SyncLease? Lease { get; init; }

    public bool TookOverAbandonedRun { get; init; }

    /// <summary>For a joined run: waits until it ends and returns it (as last seen when the wait is cancelled).</summary>
    public Func<CancellationToken, Task<SyncRun>>? Join { get; init; }
}
