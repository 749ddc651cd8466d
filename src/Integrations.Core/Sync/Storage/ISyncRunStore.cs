namespace Integrations;

/// <summary>Stores the sync history. Queries for hosts take the owner; the ones named "ForBackground" are for the engine itself.</summary>
/// <remarks>
/// Relational implementations: one row per run with the counts as columns and the item errors in a
/// child table (or a JSON column), indexed by (integration, started) for the history and with a
/// partial index on running runs. Updates are last-writer-wins: one run has one writer, its engine.
/// </remarks>
public interface ISyncRunStore
{
    /// <summary>Adds a new run.</summary>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the run is stored.</returns>
    Task AddAsync(SyncRun run, CancellationToken cancellationToken = default);

    /// <summary>Replaces a run (progress and completion). The last write wins: one engine owns a running run.</summary>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the run is stored.</returns>
    /// <exception cref="IntegrationException"><see cref="IntegrationErrorCode.InvalidRequest"/> when no run has this id.</exception>
    Task UpdateAsync(SyncRun run, CancellationToken cancellationToken = default);

    /// <summary>Reads a run of <paramref name="owner"/>.</summary>
    /// <param name="owner">The owner; a run of another owner is not found.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The run, or <see langword="null"/>.</returns>
    Task<SyncRun?> GetAsync(IntegrationOwner owner, Guid runId, CancellationToken cancellationToken = default);

    /// <summary>Reads a run by id alone. For the engine and admin tools only.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The run, or <see langword="null"/>.</returns>
    Task<SyncRun?> GetForBackgroundAsync(Guid runId, CancellationToken cancellationToken = default);

    /// <summary>Queries an integration's runs, newest first (by start time, then id), with the total count.</summary>
    /// <param name="integration">The integration and its owner; runs of other owners never match.</param>
    /// <param name="query">Filter and page.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One page of runs and the total count.</returns>
    Task<SyncRunPage> QueryAsync(IntegrationKey integration, SyncHistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Lists the runs of an integration and resource still marked <see cref="SyncRunStatus.Running"/>. For the engine only.</summary>
    /// <param name="integrationId">The integration.</param>
    /// <param name="resource">The resource.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The running runs, newest first.</returns>
    Task<IReadOnlyList<SyncRun>> ListRunningForBackgroundAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default);

    /// <summary>Deletes completed runs that started before <paramref name="before"/> (history retention).</summary>
    /// <param name="before">The cut-off.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many runs were deleted.</returns>
    Task<int> DeleteCompletedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
