using Npgsql;
using NpgsqlTypes;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// The link changes of a <see cref="SyncCommit"/> as column arrays, the parameters of the batched
/// upsert (<c>unnest</c>) and delete (<c>= ANY</c>). An external id upserted twice keeps its last
/// link (one statement may not touch a row twice); an id both upserted and deleted is upserted, as
/// if the deletes ran first.
/// </summary>
internal sealed class LinkArrays
{
    private readonly string[] _deleteIds;
    private readonly string[] _externalIds;
    private readonly string[] _localIds;
    private readonly string?[] _remoteVersions;
    private readonly string?[] _localVersions;
    private readonly long[] _passes;

    private LinkArrays(string[] deleteIds, IReadOnlyCollection<SyncItemLink> upserts)
    {
        _deleteIds = deleteIds;
        _externalIds = new string[upserts.Count];
        _localIds = new string[upserts.Count];
        _remoteVersions = new string?[upserts.Count];
        _localVersions = new string?[upserts.Count];
        _passes = new long[upserts.Count];
        var i = 0;
        foreach (var link in upserts)
        {
            (_externalIds[i], _localIds[i], _remoteVersions[i], _localVersions[i], _passes[i]) =
                (link.ExternalId, link.LocalId, link.RemoteVersion, link.LocalVersion, link.LastSeenPass);
            i++;
        }
    }

    public static LinkArrays From(SyncCommit commit)
    {
        var upserts = commit.UpsertLinks;
        IEnumerable<string> deletes = commit.DeleteLinks;
        if (upserts.Count > 1 || (upserts.Count > 0 && commit.DeleteLinks.Count > 0))
        {
            var upserted = new HashSet<string>(upserts.Count, StringComparer.Ordinal);
            var repeated = false;
            foreach (var link in upserts)
            {
                repeated |= !upserted.Add(link.ExternalId);
            }

            upserts = repeated ? LastPerExternalId(upserts) : upserts;
            deletes = commit.DeleteLinks.Count == 0 ? deletes : deletes.Where(id => !upserted.Contains(id));
        }

        return new LinkArrays([.. deletes], upserts);
    }

    public IEnumerable<NpgsqlParameter> Parameters() =>
    [
        new(SyncStateSql.DeleteIds, SyncStateSql.TextArray) { Value = _deleteIds },
        new(SyncStateSql.ExternalIds, SyncStateSql.TextArray) { Value = _externalIds },
        new(SyncStateSql.LocalIds, SyncStateSql.TextArray) { Value = _localIds },
        new(SyncStateSql.RemoteVersions, SyncStateSql.TextArray) { Value = _remoteVersions },
        new(SyncStateSql.LocalVersions, SyncStateSql.TextArray) { Value = _localVersions },
        new(SyncStateSql.Passes, SyncStateSql.BigintArray) { Value = _passes },
    ];

    private static List<SyncItemLink> LastPerExternalId(IReadOnlyCollection<SyncItemLink> links)
    {
        var last = new Dictionary<string, SyncItemLink>(links.Count, StringComparer.Ordinal);
        foreach (var link in links)
        {
            last[link.ExternalId] = link;
        }

        return [.. last.Values];
    }
}
