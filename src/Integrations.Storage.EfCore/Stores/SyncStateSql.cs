using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using NpgsqlTypes;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// The hand-written statements of <see cref="EfCoreSyncStateStore{TContext}"/> for one model.
/// </summary>
/// <remarks>
/// <para>
/// A commit is one statement: its first common table expression saves the state if its version is
/// the expected one (an update with the version in its condition, or an insert that does nothing
/// when the row exists) and returns the state's id; the link deletes and the batched link upserts
/// (arrays <c>unnest</c>ed into rows, <c>ON CONFLICT DO UPDATE</c>) run only when it returned one.
/// PostgreSQL runs a statement atomically, and a concurrent commit of the same state waits for the
/// row lock, re-checks the version and writes nothing.
/// </para>
/// <para>
/// Links are found one index probe per id (<c>unnest</c> joined <c>LATERAL</c> to a one-row
/// subquery), also for the deletes (by row address). With the plain <c>= ANY (@ids)</c> form the
/// planner weighs one scan for many ids against a scan of the state's links, and while the table has
/// no statistics yet (a new install's first large sync, before autovacuum's first <c>ANALYZE</c>) it
/// takes a state's links for a handful of rows and scans all of them for every page. Per-id probes
/// of a unique key cost the same whatever the statistics say.
/// </para>
/// </remarks>
internal sealed record SyncStateSql(
    StoreTable States, IReadOnlyList<IProperty> WrittenProperties, string InsertState, string UpdateState, string DeleteAll, string LinksByExternalId, string LinksByLocalId)
{
    public const string ExpectedVersion = "expected_version";
    public const string DeleteIds = "delete_ids";
    public const string ExternalIds = "external_ids";
    public const string LocalIds = "local_ids";
    public const string RemoteVersions = "remote_versions";
    public const string LocalVersions = "local_versions";
    public const string Passes = "passes";
    public const string IntegrationId = "integration_id";
    public const string Resource = "resource";
    public const string Ids = "ids";

    public static readonly NpgsqlDbType TextArray = NpgsqlDbType.Array | NpgsqlDbType.Text;
    public static readonly NpgsqlDbType BigintArray = NpgsqlDbType.Array | NpgsqlDbType.Bigint;

    public static SyncStateSql For(DbContext context)
    {
        var states = StoreTable.For<SyncStateEntity>(context);
        var links = StoreTable.For<SyncItemLinkEntity>(context);

        // The state's columns a commit writes: all but the identity, which the database assigns.
        var written = states.Properties.Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();
        var id = states.Column(nameof(SyncStateEntity.Id));
        var version = states.Column(nameof(SyncStateEntity.Version));
        var integration = states.Column(nameof(SyncStateEntity.IntegrationId));
        var resource = states.Column(nameof(SyncStateEntity.Resource));
        var integrationValue = "@" + StoreTable.ParameterName(nameof(SyncStateEntity.IntegrationId));
        var resourceValue = "@" + StoreTable.ParameterName(nameof(SyncStateEntity.Resource));
        var set = string.Join(", ", written.Where(p => p.Name is not (nameof(SyncStateEntity.IntegrationId) or nameof(SyncStateEntity.Resource)))
            .Select(p => $"{states.Column(p)} = @{StoreTable.ParameterName(p)}"));

        var stateId = links.Column(nameof(SyncItemLinkEntity.StateId));
        var externalId = links.Column(nameof(SyncItemLinkEntity.ExternalId));
        var localId = links.Column(nameof(SyncItemLinkEntity.LocalId));
        var remoteVersion = links.Column(nameof(SyncItemLinkEntity.RemoteVersion));
        var localVersion = links.Column(nameof(SyncItemLinkEntity.LocalVersion));
        var lastSeen = links.Column(nameof(SyncItemLinkEntity.LastSeenPass));

        var linkWrites = $"""
            deleted AS (
                DELETE FROM {links.Name}
                WHERE ctid = ANY (ARRAY(
                    SELECT found.ctid
                    FROM state CROSS JOIN unnest(@{DeleteIds}) AS d(id)
                    CROSS JOIN LATERAL (SELECT ctid FROM {links.Name} WHERE {stateId} = state.{id} AND {externalId} = d.id LIMIT 1) AS found))
            ), upserted AS (
                INSERT INTO {links.Name} AS l ({stateId}, {externalId}, {localId}, {remoteVersion}, {localVersion}, {lastSeen})
                SELECT state.{id}, u.external_id, u.local_id, u.remote_version, u.local_version, u.last_seen_pass
                FROM state CROSS JOIN unnest(@{ExternalIds}, @{LocalIds}, @{RemoteVersions}, @{LocalVersions}, @{Passes})
                    AS u(external_id, local_id, remote_version, local_version, last_seen_pass)
                ON CONFLICT ({stateId}, {externalId}) DO UPDATE
                SET {localId} = excluded.{localId}, {remoteVersion} = excluded.{remoteVersion}, {localVersion} = excluded.{localVersion}, {lastSeen} = excluded.{lastSeen}
                WHERE (l.{localId}, l.{remoteVersion}, l.{localVersion}, l.{lastSeen}) IS DISTINCT FROM (excluded.{localId}, excluded.{remoteVersion}, excluded.{localVersion}, excluded.{lastSeen})
            )
            SELECT state.{version} AS "Value" FROM state
            """;

        var insert = $"""
            WITH state AS (
                INSERT INTO {states.Name} ({string.Join(", ", written.Select(states.Column))})
                VALUES ({string.Join(", ", written.Select(p => "@" + StoreTable.ParameterName(p)))})
                ON CONFLICT DO NOTHING
                RETURNING {id}, {version}
            ), {linkWrites}
            """;
        var update = $"""
            WITH state AS (
                UPDATE {states.Name} SET {set}
                WHERE {integration} = {integrationValue} AND {resource} = {resourceValue} AND {version} = @{ExpectedVersion}
                RETURNING {id}, {version}
            ), {linkWrites}
            """;
        var deleteAll = $"""
            WITH state AS (
                DELETE FROM {states.Name} WHERE {integration} = @{IntegrationId}
                RETURNING {id}
            ), links AS (
                DELETE FROM {links.Name} WHERE {stateId} IN (SELECT {id} FROM state)
            )
            SELECT count(*)::int AS "Value" FROM state
            """;
        return new SyncStateSql(states, written, insert, update, deleteAll, LinksBy(externalId), LinksBy(localId));

        string LinksBy(string column) => $"""
            SELECT found.*
            FROM (SELECT {id} FROM {states.Name} WHERE {integration} = @{IntegrationId} AND {resource} = @{Resource}) AS state
            CROSS JOIN unnest(@{Ids}) AS i(id)
            CROSS JOIN LATERAL (SELECT * FROM {links.Name} WHERE {stateId} = state.{id} AND {column} = i.id LIMIT 1) AS found
            """;
    }
}
