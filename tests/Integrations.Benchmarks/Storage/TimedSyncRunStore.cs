namespace Integrations.Benchmarks.Storage;

/// <summary>Times the run update the engine makes after every page.</summary>
internal sealed class TimedSyncRunStore(ISyncRunStore inner, StoreTimings timings) : ISyncRunStore
{
    public const string Update = "run-update";

    public Task AddAsync(SyncRun run, CancellationToken cancellationToken = default) => inner.AddAsync(run, cancellationToken);

    public Task UpdateAsync(SyncRun run, CancellationToken cancellationToken = default) =>
        timings.TimeAsync(Update, () => inner.UpdateAsync(run, cancellationToken));

    public Task<SyncRun?> GetAsync(IntegrationOwner owner, Guid runId, CancellationToken cancellationToken = default) =>
        inner.GetAsync(owner, runId, cancellationToken);

    public Task<SyncRun?> GetForBackgroundAsync(Guid runId, CancellationToken cancellationToken = default) =>
        inner.GetForBackgroundAsync(runId, cancellationToken);

    public Task<SyncRunPage> QueryAsync(IntegrationKey integration, SyncHistoryQuery query, CancellationToken cancellationToken = default) =>
        inner.QueryAsync(integration, query, cancellationToken);

    public Task<IReadOnlyList<SyncRun>> ListRunningForBackgroundAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default) =>
        inner.ListRunningForBackgroundAsync(integrationId, resource, cancellationToken);

    public Task<int> DeleteCompletedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        inner.DeleteCompletedBeforeAsync(before, cancellationToken);
}
