namespace Integrations.Internal;

/// <summary>
/// The link changes of the page being applied, saved with the page's checkpoint. Consulted before
/// the store, so an item that appears twice in one page (Graph replays) sees its own earlier change.
/// </summary>
internal sealed class SyncPendingLinks
{
    private readonly Dictionary<string, SyncItemLink?> _byExternalId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SyncItemLink?> _byLocalId = new(StringComparer.Ordinal);

    public int Count => _byExternalId.Count;

    /// <summary>Finds a pending change by external id: <see langword="true"/> with a <see langword="null"/> link for a pending deletion.</summary>
    public bool TryGetByExternalId(string externalId, out SyncItemLink? link) => _byExternalId.TryGetValue(externalId, out link);

    public bool TryGetByLocalId(string localId, out SyncItemLink? link) => _byLocalId.TryGetValue(localId, out link);

    /// <summary>Saves a link; when it replaces <paramref name="previous"/> under another external id, that one is deleted.</summary>
    public void Set(SyncItemLink link, SyncItemLink? previous = null)
    {
        if (previous is not null && previous.ExternalId != link.ExternalId)
        {
            _byExternalId[previous.ExternalId] = null;
        }

        if (previous is not null && previous.LocalId != link.LocalId)
        {
            _byLocalId[previous.LocalId] = null;
        }

        _byExternalId[link.ExternalId] = link;
        _byLocalId[link.LocalId] = link;
    }

    public void Delete(SyncItemLink link)
    {
        _byExternalId[link.ExternalId] = null;
        _byLocalId[link.LocalId] = null;
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
        _byLocalId.Clear();
    }
}
