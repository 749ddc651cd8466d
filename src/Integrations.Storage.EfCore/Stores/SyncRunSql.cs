using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// The statement that replaces a run (progress after every page, completion) in one round trip: the
/// run's row is updated, and only when it exists its item errors are made equal to the run's list:
/// positions past its end deleted, the others upserted (a row already equal is not rewritten, so the
/// errors recorded on earlier pages cost no writes).
/// </summary>
internal sealed record SyncRunSql(StoreTable Runs, string Update)
{
    public const string ErrorCount = "error_count";
    public const string Ordinals = "ordinals";
    public const string Sides = "sides";
    public const string ItemIds = "item_ids";
    public const string Codes = "codes";
    public const string Messages = "messages";

    public static readonly NpgsqlDbType IntegerArray = NpgsqlDbType.Array | NpgsqlDbType.Integer;

    public static SyncRunSql For(DbContext context)
    {
        var runs = StoreTable.For<SyncRunEntity>(context);
        var errors = StoreTable.For<SyncItemErrorEntity>(context);
        var idProperty = runs.Properties.Single(p => p.IsPrimaryKey());
        var id = runs.Column(idProperty);
        var idValue = "@" + StoreTable.ParameterName(idProperty);
        var set = string.Join(", ", runs.Properties.Where(p => !p.IsPrimaryKey()).Select(p => $"{runs.Column(p)} = @{StoreTable.ParameterName(p)}"));

        var runId = errors.Column(nameof(SyncItemErrorEntity.RunId));
        var ordinal = errors.Column(nameof(SyncItemErrorEntity.Ordinal));
        var side = errors.Column(nameof(SyncItemErrorEntity.Side));
        var itemId = errors.Column(nameof(SyncItemErrorEntity.ItemId));
        var code = errors.Column(nameof(SyncItemErrorEntity.Code));
        var message = errors.Column(nameof(SyncItemErrorEntity.Message));
        var update = $"""
            WITH run AS (
                UPDATE {runs.Name} SET {set}
                WHERE {id} = {idValue}
                RETURNING {id}
            ), stale AS (
                DELETE FROM {errors.Name}
                WHERE {runId} = {idValue} AND {ordinal} >= @{ErrorCount} AND EXISTS (SELECT 1 FROM run)
            ), written AS (
                INSERT INTO {errors.Name} AS e ({runId}, {ordinal}, {side}, {itemId}, {code}, {message})
                SELECT {idValue}, u.ordinal, u.side, u.item_id, u.code, u.message
                FROM unnest(@{Ordinals}, @{Sides}, @{ItemIds}, @{Codes}, @{Messages}) AS u(ordinal, side, item_id, code, message)
                WHERE EXISTS (SELECT 1 FROM run)
                ON CONFLICT ({runId}, {ordinal}) DO UPDATE
                SET {side} = excluded.{side}, {itemId} = excluded.{itemId}, {code} = excluded.{code}, {message} = excluded.{message}
                WHERE (e.{side}, e.{itemId}, e.{code}, e.{message}) IS DISTINCT FROM (excluded.{side}, excluded.{itemId}, excluded.{code}, excluded.{message})
            )
            SELECT count(*) AS "Value" FROM run
            """;
        return new SyncRunSql(runs, update);
    }
}
