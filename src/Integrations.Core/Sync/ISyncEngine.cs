namespace Integrations;

/// <summary>
/// Syncs an integration's resources: pulls pages of remote changes into the host's handlers, pushes
/// local changes to the provider for two-way resources, and keeps a history of every run.
/// </summary>
/// <remarks>
/// One run at a time per integration and resource (a lease in <see cref="ILeaseStore"/>, renewed while
/// the run lasts, shared by every process using the store). Progress is saved after every page, so a
/// run that stops for any reason (failure, cancellation, process kill) is resumed by the next one
/// from the last saved page without applying anything twice; see <see cref="ISyncHandler{TItem}"/>
/// for the exact delivery guarantee.
/// </remarks>
public interface ISyncEngine
{
    /// <summary>Syncs and returns when every requested resource is done.</summary>
    /// <param name="integration">The integration and its owner.</param>
    /// <param name="request">What to sync.</param>
    /// <param name="progress">Receives a snapshot after every page, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the run; the run ends <see cref="SyncRunStatus.Cancelled"/> with its progress saved.</param>
    /// <returns>The completed runs, one per resource, in the order they ran.</returns>
    /// <exception cref="IntegrationException">
    /// <see cref="IntegrationErrorCode.IntegrationNotFound"/>, <see cref="IntegrationErrorCode.IntegrationInactive"/>,
    /// <see cref="IntegrationErrorCode.ReauthorizationRequired"/>, <see cref="IntegrationErrorCode.InvalidRequest"/>
    /// (unknown resource or a direction the resource cannot sync) or
    /// <see cref="IntegrationErrorCode.SyncAlreadyRunning"/>. Failures during the run do not throw:
    /// they are recorded on the returned runs.
    /// </exception>
    Task<IReadOnlyList<SyncRun>> RunAsync(IntegrationKey integration, SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts a sync in the background and returns at once (the REST API's <c>202 Accepted</c> with a
    /// status URL): the runs are created with status <see cref="SyncRunStatus.Running"/>; follow them
    /// with <see cref="GetRunAsync"/>. The resources are synced one after the other.
    /// </summary>
    /// <param name="integration">The integration and its owner.</param>
    /// <param name="request">What to sync.</param>
    /// <param name="progress">Receives a snapshot after every page, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels starting only; the background run goes on (stop it with <see cref="CancelAsync"/>).</param>
    /// <returns>The runs as they started (or, when joining, as they are), one per resource.</returns>
    /// <exception cref="IntegrationException">As for <see cref="RunAsync"/>.</exception>
    Task<IReadOnlyList<SyncRun>> StartAsync(IntegrationKey integration, SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Reads one run of the integration, live while it is running.</summary>
    /// <param name="integration">The integration and its owner; runs of other integrations or owners are not found.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The run, or <see langword="null"/>.</returns>
    Task<SyncRun?> GetRunAsync(IntegrationKey integration, Guid runId, CancellationToken cancellationToken = default);

    /// <summary>Reads the integration's sync history, newest first, with the total count for paging.</summary>
    /// <param name="integration">The integration and its owner.</param>
    /// <param name="query">Filter and page.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One page of runs.</returns>
    Task<SyncRunPage> GetHistoryAsync(IntegrationKey integration, SyncHistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels a run of the integration that this process is executing. The run ends
    /// <see cref="SyncRunStatus.Cancelled"/> with its progress saved.
    /// </summary>
    /// <param name="integration">The integration and its owner.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when the run was running in this process and was told to stop.</returns>
    Task<bool> CancelAsync(IntegrationKey integration, Guid runId, CancellationToken cancellationToken = default);
}
