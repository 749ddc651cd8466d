using System.Runtime.InteropServices;

namespace Integrations.Internal;

/// <summary>
/// The link changes of the page being applied, saved with the page's checkpoint. Consulted before
/// the store, so an item that appears twice in one page (Graph replays) sees its own earlier change.
/// </summary>
/// <remarks>
/// One entry per external id looked up or changed since the last commit, in that order. A lookup
/// keeps its entry at hand, so the change that usually follows for the same id (the item the engine
/// just applied) is recorded without hashing the id again: a pulled item costs one dictionary
/// operation. Only pushes look links up by local id, so that index is built on the first such
/// lookup and kept up to date until the next commit; until then, the local ids a change left without
/// a link are remembered, so the index can tell them from local ids the store knows.
/// </remarks>
internal sealed class SyncPendingLinks
{
    private readonly Dictionary<string, int> _entryByExternalId = new(StringComparer.Ordinal);
    private readonly List<Entry> _entries = [];
    private readonly List<string> _unlinkedLocalIds = [];
    private Dictionary<string, SyncItemLink?>? _byLocalId;
    private int _last = -1;

    /// <summary>How many external ids have a pending change.</summary>
    public int Count { get; private set; }

    /// <summary>Finds a pending change by external id: <see langword="true"/> with a <see langword="null"/> link for a pending deletion.</summary>
    public bool TryGetByExternalId(string externalId, out SyncItemLink? link)
    {
        var entry = _entries[EntryOf(externalId)];
        link = entry.Link;
        return entry.Changed;
    }

    /// <summary>Finds a pending change by local id: <see langword="true"/> with a <see langword="null"/> link when the local id lost its link.</summary>
    public bool TryGetByLocalId(string localId, out SyncItemLink? link) => LocalIndex().TryGetValue(localId, out link);

    /// <summary>Saves a link; when it replaces <paramref name="previous"/> under another external id, that one is deleted.</summary>
    public void Set(SyncItemLink link, SyncItemLink? previous = null)
    {
        if (previous is not null && previous.ExternalId != link.ExternalId)
        {
            Change(previous.ExternalId, null);
        }

        if (previous is not null && previous.LocalId != link.LocalId)
        {
            Unlink(previous.LocalId);
        }

        Change(link.ExternalId, link);
        if (_byLocalId is not null)
        {
            _byLocalId[link.LocalId] = link;
        }
    }

    public void Delete(SyncItemLink link)
    {
        Change(link.ExternalId, null);
        Unlink(link.LocalId);
    }

    public SyncCommit ToCommit(SyncState state)
    {
        List<SyncItemLink> upserts = new(Count);
        List<string> deletes = [];
        foreach (ref readonly var entry in CollectionsMarshal.AsSpan(_entries))
        {
            if (!entry.Changed)
            {
                continue;
            }

            if (entry.Link is null)
            {
                deletes.Add(entry.ExternalId);
            }
            else
            {
                upserts.Add(entry.Link);
            }
        }

        return new SyncCommit(state) { UpsertLinks = upserts, DeleteLinks = deletes };
    }

    public void Clear()
    {
        _entryByExternalId.Clear();
        _entries.Clear();
        _unlinkedLocalIds.Clear();
        _byLocalId = null;
        _last = -1;
        Count = 0;
    }

    /// <summary>The entry of an external id, added when missing; the last one used is found without hashing.</summary>
    private int EntryOf(string externalId)
    {
        if (_last >= 0 && string.Equals(_entries[_last].ExternalId, externalId, StringComparison.Ordinal))
        {
            return _last;
        }

        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_entryByExternalId, externalId, out var exists);
        if (!exists)
        {
            index = _entries.Count;
            _entries.Add(new Entry(externalId));
        }

        return _last = index;
    }

    private void Change(string externalId, SyncItemLink? link)
    {
        var index = EntryOf(externalId); // before the span: adding the entry may move the list's array
        ref var entry = ref CollectionsMarshal.AsSpan(_entries)[index];
        if (!entry.Changed)
        {
            entry.Changed = true;
            Count++;
        }

        entry.Link = link;
    }

    private void Unlink(string localId)
    {
        if (_byLocalId is not null)
        {
            _byLocalId[localId] = null;
        }
        else
        {
            _unlinkedLocalIds.Add(localId);
        }
    }

    private Dictionary<string, SyncItemLink?> LocalIndex()
    {
        if (_byLocalId is null)
        {
            _byLocalId = new Dictionary<string, SyncItemLink?>(StringComparer.Ordinal);
            foreach (var localId in _unlinkedLocalIds)
            {
                _byLocalId[localId] = null;
            }

            // A link set after its local id was unlinked wins (the pending links are the final ones).
            foreach (var entry in _entries)
            {
                if (entry.Link is not null)
                {
                    _byLocalId[entry.Link.LocalId] = entry.Link;
                }
            }

            _unlinkedLocalIds.Clear();
        }

        return _byLocalId;
    }

    /// <summary>An external id looked up or changed; <see cref="Changed"/> with a <see langword="null"/> link is a deletion.</summary>
    private struct Entry(string externalId)
    {
        public readonly string ExternalId = externalId;

        public SyncItemLink? Link;

        public bool Changed;
    }
}
