using System.Runtime.InteropServices;
using Integrations.Internal;

namespace Integrations;

/// <summary>
/// The default <see cref="ISyncStateStore"/>: thread-safe, in process memory, lost on restart. Its
/// links grow with the number of synced items (about 200 bytes each); use a database store for
/// large resources.
/// </summary>
public sealed class InMemorySyncStateStore : ISyncStateStore
{
    private static readonly Dictionary<string, SyncItemLink> NoLinks = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid IntegrationId, string Resource), Entry> _entries = [];

    /// <inheritdoc />
    public Task<SyncState?> GetAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_entries.GetValueOrDefault((integrationId, resource))?.State);
        }
    }

    /// <inheritdoc />
    public Task<SyncState> CommitAsync(SyncCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var state = commit.State;
        lock (_gate)
        {
            var key = (state.IntegrationId, state.Resource);
            _entries.TryGetValue(key, out var entry);
            var storedVersion = entry?.State?.Version ?? 0;
            if (storedVersion != state.Version)
            {
                throw SyncErrors.StateConflict(state.IntegrationId, state.Resource);
            }

            if (entry is null)
            {
                entry = new Entry();
                _entries.Add(key, entry);
            }

            foreach (var externalId in commit.DeleteLinks)
            {
                entry.RemoveLink(externalId);
            }

            foreach (var link in commit.UpsertLinks)
            {
                entry.SetLink(link);
            }

            var saved = state with { Version = storedVersion + 1 };
            entry.State = saved;
            return Task.FromResult(saved);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, SyncItemLink>> GetLinksAsync(Guid integrationId, string resource, IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(externalIds);
        Dictionary<string, SyncItemLink>? found = null;
        lock (_gate)
        {
            if (_entries.TryGetValue((integrationId, resource), out var entry) && entry.ByExternalId.Count > 0)
            {
                foreach (var externalId in externalIds)
                {
                    if (entry.ByExternalId.TryGetValue(externalId, out var link))
                    {
                        (found ??= new Dictionary<string, SyncItemLink>(StringComparer.Ordinal))[externalId] = link.ToLink(externalId);
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, SyncItemLink>>(found ?? NoLinks);
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, SyncItemLink>> GetLinksByLocalIdAsync(Guid integrationId, string resource, IReadOnlyCollection<string> localIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(localIds);
        var found = new Dictionary<string, SyncItemLink>(localIds.Count, StringComparer.Ordinal);
        lock (_gate)
        {
            if (_entries.TryGetValue((integrationId, resource), out var entry))
            {
                foreach (var localId in localIds)
                {
                    if (entry.LocalIndex().TryGetValue(localId, out var externalId))
                    {
                        found[localId] = entry.ByExternalId[externalId].ToLink(externalId);
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, SyncItemLink>>(found);
    }

    /// <inheritdoc />
    /// <remarks>Scans every link of the resource (O(n log limit)); fine for development-sized data.</remarks>
    public Task<IReadOnlyList<SyncItemLink>> ListLinksNotSeenAsync(Guid integrationId, string resource, long pass, string? afterExternalId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        // A max-heap of the smallest `limit` ids: the root is the largest kept, replaced by anything smaller.
        var smallest = new PriorityQueue<SyncItemLink, string>(limit + 1, Comparer<string>.Create((a, b) => string.CompareOrdinal(b, a)));
        lock (_gate)
        {
            if (_entries.TryGetValue((integrationId, resource), out var entry))
            {
                foreach (var (externalId, link) in entry.ByExternalId)
                {
                    if (link.LastSeenPass >= pass
                        || (afterExternalId is not null && string.CompareOrdinal(externalId, afterExternalId) <= 0))
                    {
                        continue;
                    }

                    if (smallest.Count < limit)
                    {
                        smallest.Enqueue(link.ToLink(externalId), externalId);
                    }
                    else if (smallest.TryPeek(out _, out var largest) && string.CompareOrdinal(externalId, largest) < 0)
                    {
                        smallest.EnqueueDequeue(link.ToLink(externalId), externalId);
                    }
                }
            }
        }

        var result = new List<SyncItemLink>(smallest.Count);
        while (smallest.TryDequeue(out var link, out _))
        {
            result.Add(link);
        }

        result.Reverse();
        return Task.FromResult<IReadOnlyList<SyncItemLink>>(result);
    }

    /// <inheritdoc />
    public Task<long> CountLinksAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<long>(_entries.GetValueOrDefault((integrationId, resource))?.ByExternalId.Count ?? 0);
        }
    }

    /// <inheritdoc />
    public Task<int> DeleteAllAsync(Guid integrationId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var keys = _entries.Keys.Where(k => k.IntegrationId == integrationId).ToList();
            var states = keys.Count(k => _entries[k].State is not null);
            foreach (var key in keys)
            {
                _entries.Remove(key);
            }

            return Task.FromResult(states);
        }
    }

    /// <summary>The links of one resource. Stored as structs: one object less per link for the garbage collector to trace.</summary>
    private sealed class Entry
    {
        public SyncState? State { get; set; }

        public Dictionary<string, StoredLink> ByExternalId { get; } = new(StringComparer.Ordinal);

        /// <summary>Local id to external id; built on the first lookup by local id (pull-only resources never need it).</summary>
        private Dictionary<string, string>? _externalIdByLocalId;

        public Dictionary<string, string> LocalIndex()
        {
            if (_externalIdByLocalId is null)
            {
                _externalIdByLocalId = new Dictionary<string, string>(ByExternalId.Count, StringComparer.Ordinal);
                foreach (var (externalId, link) in ByExternalId)
                {
                    _externalIdByLocalId[link.LocalId] = externalId;
                }
            }

            return _externalIdByLocalId;
        }

        public void SetLink(SyncItemLink link)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(ByExternalId, link.ExternalId, out var existed);
            var previousLocalId = slot.LocalId;
            slot = new StoredLink(link.LocalId, link.RemoteVersion, link.LocalVersion, link.LastSeenPass);
            if (_externalIdByLocalId is null || (existed && previousLocalId == link.LocalId))
            {
                return;
            }

            if (existed)
            {
                ForgetLocalId(previousLocalId, link.ExternalId);
            }

            _externalIdByLocalId[link.LocalId] = link.ExternalId;
        }

        public void RemoveLink(string externalId)
        {
            if (ByExternalId.Remove(externalId, out var previous))
            {
                ForgetLocalId(previous.LocalId, externalId);
            }
        }

        private void ForgetLocalId(string localId, string externalId)
        {
            if (_externalIdByLocalId is not null && _externalIdByLocalId.TryGetValue(localId, out var mapped) && mapped == externalId)
            {
                _externalIdByLocalId.Remove(localId);
            }
        }
    }

    private readonly record struct StoredLink(string LocalId, string? RemoteVersion, string? LocalVersion, long LastSeenPass)
    {
        public SyncItemLink ToLink(string externalId) => new(externalId, LocalId, RemoteVersion, LocalVersion, LastSeenPass);
    }
}
