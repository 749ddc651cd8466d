using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using NpgsqlTypes;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// The statements of <see cref="EfCoreSyncStateStore{TContext}"/> for one model. A commit is one
/// statement: the first common table expression saves the state if its version is the expected one
/// (an update with the version in its condition, or an insert that does nothing when the row
/// exists); the link deletes and the batched link upserts (arrays <c>unnest</c>ed into rows) run
/// only when it did. PostgreSQL runs a statement atomically, and a concurrent commit of the same
/// state waits for the row lock, re-checks the version and writes nothing.
/// </summary>
internal sealed record SyncStateSql(IModel Model, StoreTable States, string InsertState, string UpdateState, string DeleteAll)
{
    public const string ExpectedVersion = "expected_version";
    public const string DeleteIds = "delete_ids";
    public const string ExternalIds = "external_ids";
    public const string LocalIds = "local_ids";
    public const string RemoteVersions = "remote_versions";
    public const string LocalVersions = "local_versions";
    public const string Passes = "passes";
    public const string IntegrationId = "integration_id";

    public static readonly NpgsqlDbType TextArray = NpgsqlDbType.Array | NpgsqlDbType.Text;
    public static readonly NpgsqlDbType BigintArray = NpgsqlDbType.Array | NpgsqlDbType.Bigint;

    public static SyncStateSql For(DbContext context)
    {
        var states = StoreTable.For<SyncStateEntity>(context);
        var links = StoreTable.For<SyncItemLinkEntity>(context);
        var stateColumns = string.Join(", ", states.Properties.Select(states.Column));
        var stateValues = string.Join(", ", states.Properties.Select(p => "@" + StoreTable.ParameterName(p)));
        var stateKey = states.Properties.Where(p => p.IsPrimaryKey()).ToList();
        var stateWhere = string.Join(" AND ", stateKey.Select(p => $"{states.Column(p)} = @{StoreTable.ParameterName(p)}"));
        var stateSet = string.Join(", ", states.Properties.Where(p => !p.IsPrimaryKey()).Select(p => $"{states.Column(p)} = @{StoreTable.ParameterName(p)}"));
        var version = states.Column(nameof(SyncStateEntity.Version));

        var integration = links.Column(nameof(SyncItemLinkEntity.IntegrationId));
        var resource = links.Column(nameof(SyncItemLinkEntity.Resource));
        var externalId = links.Column(nameof(SyncItemLinkEntity.ExternalId));
        var localId = links.Column(nameof(SyncItemLinkEntity.LocalId));
        var remoteVersion = links.Column(nameof(SyncItemLinkEntity.RemoteVersion));
        var localVersion = links.Column(nameof(SyncItemLinkEntity.LocalVersion));
        var lastSeen = links.Column(nameof(SyncItemLinkEntity.LastSeenPass));
        var integrationValue = "@" + StoreTable.ParameterName(nameof(SyncStateEntity.IntegrationId));
        var resourceValue = "@" + StoreTable.ParameterName(nameof(SyncStateEntity.Resource));
        var linkKey = $"{integration} = {integrationValue} AND {resource} = {resourceValue}";

        var linkWrites = $"""
            deleted AS (
                DELETE FROM {links.Name}
                WHERE {linkKey} AND {externalId} = ANY (@{DeleteIds}) AND EXISTS (SELECT 1 FROM state)
            ), upserted AS (
                INSERT INTO {links.Name} AS l ({integration}, {resource}, {externalId}, {localId}, {remoteVersion}, {localVersion}, {lastSeen})
                SELECT {integrationValue}, {resourceValue}, u.external_id, u.local_id, u.remote_version, u.local_version, u.last_seen_pass
                FROM unnest(@{ExternalIds}, @{LocalIds}, @{RemoteVersions}, @{LocalVersions}, @{Passes}) AS u(external_id, local_id, remote_version, local_version, last_seen_pass)
                WHERE EXISTS (SELECT 1 FROM state)
                ON CONFLICT ({integration}, {resource}, {externalId}) DO UPDATE
                SET {localId} = excluded.{localId}, {remoteVersion} = excluded.{remoteVersion}, {localVersion} = excluded.{localVersion}, {lastSeen} = excluded.{lastSeen}
                WHERE (l.{localId}, l.{remoteVersion}, l.{localVersion}, l.{lastSeen}) IS DISTINCT FROM (excluded.{localId}, excluded.{remoteVersion}, excluded.{localVersion}, excluded.{lastSeen})
            )
            SELECT state.{version} AS "Value" FROM state
            """;

        var insert = $"""
            WITH state AS (
                INSERT INTO {states.Name} ({stateColumns}) VALUES ({stateValues})
                ON CONFLICT DO NOTHING
                RETURNING {version}
            ), {linkWrites}
            """;
        var update = $"""
            WITH state AS (
                UPDATE {states.Name} SET {stateSet}
                WHERE {stateWhere} AND {version} = @{ExpectedVersion}
                RETURNING {version}
            ), {linkWrites}
            """;
        var deleteAll = $"""
            WITH links AS (
                DELETE FROM {links.Name} WHERE {integration} = @{IntegrationId}
            )
            DELETE FROM {states.Name} WHERE {states.Column(nameof(SyncStateEntity.IntegrationId))} = @{IntegrationId}
            """;
        return new SyncStateSql(context.Model, states, insert, update, deleteAll);
    }
}
