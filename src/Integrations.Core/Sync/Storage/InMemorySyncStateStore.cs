using Integrations.Internal;

namespace Integrations;

/// <summary>
/// The default <see cref="ISyncStateStore"/>: thread-safe, in process memory, lost on restart. Its
/// links grow with the number of synced items (about 200 bytes each); use a database store for
/// large resources.
/// </summary>
public sealed class InMemorySyncStateStore : ISyncStateStore
{
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
        var found = new Dictionary<string, SyncItemLink>(externalIds.Count, StringComparer.Ordinal);
        lock (_gate)
        {
            if (_entries.TryGetValue((integrationId, resource), out var entry))
            {
                foreach (var externalId in externalIds)
                {
                    if (entry.ByExternalId.TryGetValue(externalId, out var link))
                    {
                        found[externalId] = link;
                    }
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, SyncItemLink>>(found);
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
                    if (entry.ExternalIdByLocalId.TryGetValue(localId, out var externalId))
                    {
                        found[localId] = entry.ByExternalId[externalId];
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
                foreach (var link in entry.ByExternalId.Values)
                {
                    if (link.LastSeenPass >= pass
                        || (afterExternalId is not null && string.CompareOrdinal(link.ExternalId, afterExternalId) <= 0))
                    {
                        continue;
                    }

                    if (smallest.Count < limit)
                    {
                        smallest.Enqueue(link, link.ExternalId);
                    }
                    else if (smallest.TryPeek(out _, out var largest) && string.CompareOrdinal(link.ExternalId, largest) < 0)
                    {
                        smallest.EnqueueDequeue(link, link.ExternalId);
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

    private sealed class Entry
    {
        public SyncState? State { get; set; }

        public Dictionary<string, SyncItemLink> ByExternalId { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> ExternalIdByLocalId { get; } = new(StringComparer.Ordinal);

        public void SetLink(SyncItemLink link)
        {
            if (ByExternalId.TryGetValue(link.ExternalId, out var previous) && previous.LocalId != link.LocalId)
            {
                ForgetLocalId(previous);
            }

            ByExternalId[link.ExternalId] = link;
            ExternalIdByLocalId[link.LocalId] = link.ExternalId;
        }

        public void RemoveLink(string externalId)
        {
            if (ByExternalId.Remove(externalId, out var previous))
            {
                ForgetLocalId(previous);
            }
        }

        private void ForgetLocalId(SyncItemLink link)
        {
            if (ExternalIdByLocalId.TryGetValue(link.LocalId, out var mapped) && mapped == link.ExternalId)
            {
                ExternalIdByLocalId.Remove(link.LocalId);
            }
        }
    }
}
