namespace Integrations.Benchmarks.Sync;

/// <summary>
/// A state store whose links live outside the process, as with a database: it keeps the states and
/// counts the links written, but holds none. On an initial sync (what the benchmark runs) every link
/// lookup finds nothing either way, so the engine does the same work as with the in-memory store.
/// </summary>
internal sealed class ExternalLinksStateStore : ISyncStateStore
{
    private static readonly IReadOnlyDictionary<string, SyncItemLink> NoLinks = new Dictionary<string, SyncItemLink>();
    private readonly Dictionary<(Guid, string), SyncState> _states = [];
    private long _links;

    public Task<SyncState?> GetAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default)
    {
        lock (_states)
        {
            return Task.FromResult(_states.GetValueOrDefault((integrationId, resource)));
        }
    }

    public Task<SyncState> CommitAsync(SyncCommit commit, CancellationToken cancellationToken = default)
    {
        lock (_states)
        {
            var key = (commit.State.IntegrationId, commit.State.Resource);
            if ((_states.GetValueOrDefault(key)?.Version ?? 0) != commit.State.Version)
            {
                throw new IntegrationException(IntegrationErrorCode.ConcurrencyConflict, "stale");
            }

            _links += commit.UpsertLinks.Count - commit.DeleteLinks.Count;
            var saved = commit.State with { Version = commit.State.Version + 1 };
            _states[key] = saved;
            return Task.FromResult(saved);
        }
    }

    public Task<IReadOnlyDictionary<string, SyncItemLink>> GetLinksAsync(Guid integrationId, string resource, IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken = default) =>
        Task.FromResult(NoLinks);

    public Task<IReadOnlyDictionary<string, SyncItemLink>> GetLinksByLocalIdAsync(Guid integrationId, string resource, IReadOnlyCollection<string> localIds, CancellationToken cancellationToken = default) =>
        Task.FromResult(NoLinks);

    public Task<IReadOnlyList<SyncItemLink>> ListLinksNotSeenAsync(Guid integrationId, string resource, long pass, string? afterExternalId, int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SyncItemLink>>([]);

    public Task<long> CountLinksAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default) => Task.FromResult(_links);

    public Task<int> DeleteAllAsync(Guid integrationId, CancellationToken cancellationToken = default) => Task.FromResult(0);
}
