namespace Integrations;

/// <summary>Settings of the sync engine, bindable from configuration (for example <c>Integrations:Sync</c>).</summary>
public sealed class SyncOptions
{
    /// <summary>
    /// How long a run's lease lasts without renewal: after a process is killed, another process may
    /// take the resource over after this time. Default 2 minutes.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often a running sync renews its lease; must be shorter than <see cref="LeaseDuration"/>. Default 30 seconds.</summary>
    public TimeSpan LeaseRenewalInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What a request does when the resource is already being synced. Default <see cref="SyncAlreadyRunningBehavior.Reject"/>.</summary>
    public SyncAlreadyRunningBehavior WhenAlreadyRunning { get; set; } = SyncAlreadyRunningBehavior.Reject;

    /// <summary>How often a request joining a run of another process checks whether it finished. Default 2 seconds.</summary>
    public TimeSpan JoinPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The page size asked of sources (1 to 10,000); sources may cap it. Default 500.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>How many local changes are pushed per saved batch (1 to 10,000). Default 500.</summary>
    public int PushBatchSize { get; set; } = 500;

    /// <summary>How many vanished items a full resync deletes per saved batch (1 to 10,000). Default 500.</summary>
    public int ReconcileBatchSize { get; set; } = 500;

    /// <summary>How many item errors a run records in <see cref="SyncRun.Errors"/> (0 to 10,000); the counts include the rest. Default 100.</summary>
    public int MaxRecordedItemErrors { get; set; } = 100;

    /// <summary>
    /// After this many item failures in a row the run stops as <see cref="SyncRunStatus.Failed"/>
    /// without moving past the current page (the host's store is probably down), instead of failing
    /// every item. 0 turns the check off. Default 50.
    /// </summary>
    public int MaxConsecutiveItemFailures { get; set; } = 50;

    /// <summary>Whether connecting an integration starts its initial sync in the background (for every resource its provider and the host support). Default <see langword="true"/>.</summary>
    public bool SyncOnConnect { get; set; } = true;
}
