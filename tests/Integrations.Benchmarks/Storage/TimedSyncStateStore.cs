namespace Integrations.Benchmarks.Storage;

/// <summary>Times the calls the engine makes per page (link look-up, commit) and per reconciliation batch.</summary>
internal sealed class TimedSyncStateStore(ISyncStateStore inner, StoreTimings timings) : ISyncStateStore
{
    public const string Commit = "commit";
    public const string GetLinks = "get-links";
    public const string ListNotSeen = "list-not-seen";

    public Task<SyncState?> GetAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default) =>
        inner.GetAsync(integrationId, resource, cancellationToken);

    public Task<SyncState> CommitAsync(SyncCommit commit, CancellationToken cancellationToken = default) =>
        timings.TimeAsync(Commit, () => inner.CommitAsync(commit, cancellationToken));

    public Task<IReadOnlyDictionary<string, SyncItemLink>> GetLinksAsync(Guid integrationId, string resource, IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken = default) =>
        timings.TimeAsync(GetLinks, () => inner.GetLinksAsync(integrationId, resource, externalIds, cancellationToken));

    public Task<IReadOnlyDictionary<string, SyncItemLink>> GetLinksByLocalIdAsync(Guid integrationId, string resource, IReadOnlyCollection<string> localIds, CancellationToken cancellationToken = default) =>
        inner.GetLinksByLocalIdAsync(integrationId, resource, localIds, cancellationToken);

    public Task<IReadOnlyList<SyncItemLink>> ListLinksNotSeenAsync(Guid integrationId, string resource, long pass, string? afterExternalId, int limit, CancellationToken cancellationToken = default) =>
        timings.TimeAsync(ListNotSeen, () => inner.ListLinksNotSeenAsync(integrationId, resource, pass, afterExternalId, limit, cancellationToken));

    public Task<long> CountLinksAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default) =>
        inner.CountLinksAsync(integrationId, resource, cancellationToken);

    public Task<int> DeleteAllAsync(Guid integrationId, CancellationToken cancellationToken = default) =>
        inner.DeleteAllAsync(integrationId, cancellationToken);
}
