using System.Runtime.InteropServices;
using Integrations.Internal;

namespace Integrations;

/// <summary>
/// The default <see cref="ISyncStateStore"/>: thread-safe, in process memory, lost on restart. Its
/// links grow with the number of synced items: about 50 bytes per link plus two per character of its
/// ids and versions (roughly 100 bytes for short ids), held as plain data the garbage collector does
/// not trace. Use a database store for large resources.
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
                entry.Links.Remove(externalId);
            }

            if (commit.UpsertLinks is List<SyncItemLink> list)
            {
                // What the engine passes: no enumerator, no interface call per link.
                foreach (var link in CollectionsMarshal.AsSpan(list))
                {
                    entry.Links.Set(link);
                }
            }
            else
            {
                foreach (var link in commit.UpsertLinks)
                {
                    entry.Links.Set(link);
                }
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
            if (_entries.TryGetValue((integrationId, resource), out var entry))
            {
                found = entry.Links.GetMany(externalIds);
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
            if (_entries.TryGetValue((integrationId, resource), out var entry) && entry.Links.Count > 0)
            {
                foreach (var localId in localIds)
                {
                    if (entry.Links.GetByLocalId(localId) is { } link)
                    {
                        found[localId] = link;
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
        lock (_gate)
        {
            IReadOnlyList<SyncItemLink> links = _entries.TryGetValue((integrationId, resource), out var entry)
                ? entry.Links.ListNotSeen(pass, afterExternalId, limit)
                : [];
            return Task.FromResult(links);
        }
    }

    /// <inheritdoc />
    public Task<long> CountLinksAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<long>(_entries.GetValueOrDefault((integrationId, resource))?.Links.Count ?? 0);
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

    /// <summary>The state and the links of one resource.</summary>
    private sealed class Entry
    {
        public SyncState? State { get; set; }

        public InMemorySyncLinkTable Links { get; } = new();
    }
}
