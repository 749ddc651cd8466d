namespace Integrations.Internal;

/// <summary>
/// The link changes of the page being applied, saved with the page's checkpoint. Consulted before
/// the store, so an item that appears twice in one page (Graph replays) sees its own earlier change.
/// </summary>
/// <remarks>
/// Only pushes look links up by local id, so that index is built on the first such lookup and kept
/// up to date until the next commit: a pull pays for one dictionary write per item, not two. Until
/// it is built, the local ids a change left without a link are remembered, so the index can tell
/// them from local ids the store knows.
/// </remarks>
internal sealed class SyncPendingLinks
{
    private readonly Dictionary<string, SyncItemLink?> _byExternalId = new(StringComparer.Ordinal);
    private readonly List<string> _unlinkedLocalIds = [];
    private Dictionary<string, SyncItemLink?>? _byLocalId;

    public int Count => _byExternalId.Count;

    /// <summary>Finds a pending change by external id: <see langword="true"/> with a <see langword="null"/> link for a pending deletion.</summary>
    public bool TryGetByExternalId(string externalId, out SyncItemLink? link) => _byExternalId.TryGetValue(externalId, out link);

    /// <summary>Finds a pending change by local id: <see langword="true"/> with a <see langword="null"/> link when the local id lost its link.</summary>
    public bool TryGetByLocalId(string localId, out SyncItemLink? link) => LocalIndex().TryGetValue(localId, out link);

    /// <summary>Saves a link; when it replaces <paramref name="previous"/> under another external id, that one is deleted.</summary>
    public void Set(SyncItemLink link, SyncItemLink? previous = null)
    {
        if (previous is not null && previous.ExternalId != link.ExternalId)
        {
            _byExternalId[previous.ExternalId] = null;
        }

        if (previous is not null && previous.LocalId != link.LocalId)
        {
            Unlink(previous.LocalId);
        }

        _byExternalId[link.ExternalId] = link;
        if (_byLocalId is not null)
        {
            _byLocalId[link.LocalId] = link;
        }
    }

    public void Delete(SyncItemLink link)
    {
        _byExternalId[link.ExternalId] = null;
        Unlink(link.LocalId);
    }

    public SyncCommit ToCommit(SyncState state)
    {
        List<SyncItemLink> upserts = new(_byExternalId.Count);
        List<string> deletes = [];
        foreach (var (externalId, link) in _byExternalId)
        {
            if (link is null)
            {
                deletes.Add(externalId);
            }
            else
            {
                upserts.Add(link);
            }
        }

        return new SyncCommit(state) { UpsertLinks = upserts, DeleteLinks = deletes };
    }

    public void Clear()
    {
        _byExternalId.Clear();
        _unlinkedLocalIds.Clear();
        _byLocalId = null;
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
            foreach (var link in _byExternalId.Values)
            {
                if (link is not null)
                {
                    _byLocalId[link.LocalId] = link;
                }
            }

            _unlinkedLocalIds.Clear();
        }

        return _byLocalId;
    }
}
