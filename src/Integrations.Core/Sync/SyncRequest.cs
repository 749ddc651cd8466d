namespace Integrations;

/// <summary>What a sync run should do: the options of the REST API's "sync now" call.</summary>
public sealed record SyncRequest
{
    /// <summary>
    /// Which way to sync, or <see langword="null"/> for the integration's
    /// <see cref="IntegrationSettings.SyncDirection"/>. A resource without a target or a local change
    /// feed is only pulled.
    /// </summary>
    public SyncDirection? Direction { get; init; }

    /// <summary>
    /// The resources to sync (for example <c>calendar-events</c>); empty for every resource that has a
    /// source for the integration's provider and a handler in the host.
    /// </summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>
    /// Computes and reports what would be created, updated and deleted on each side without writing
    /// anything: no handler writes, no provider writes, no cursor move, no links. Dry runs take no
    /// lease, so they may run beside a real run.
    /// </summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Ignores the saved cursor and reads everything again; afterwards local items that no longer exist
    /// remotely are deleted (reconciliation).
    /// </summary>
    public bool ForceFullResync { get; init; }

    /// <summary>
    /// Limits a full sync to a time window, or <see langword="null"/> to keep the window of the saved
    /// cursor. A window other than the saved cursor's starts a full sync, because provider cursors are
    /// bound to the query that produced them; its reconciliation deletes local items outside the new
    /// window.
    /// </summary>
    public SyncDateRange? DateRange { get; init; }

    /// <summary>Why the run is started; recorded on the run.</summary>
    public SyncRunType Type { get; init; } = SyncRunType.Manual;

    /// <summary>The host's id of the user who asked for the run, or <see langword="null"/> for the scheduler and other system triggers.</summary>
    public string? TriggeredBy { get; init; }

    /// <summary>
    /// What to do when the resource is already being synced, or <see langword="null"/> for
    /// <see cref="SyncOptions.WhenAlreadyRunning"/>.
    /// </summary>
    public SyncAlreadyRunningBehavior? WhenAlreadyRunning { get; init; }
}
