using Integrations.Internal;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// <see cref="ISyncRunStore"/> on PostgreSQL: one row per run in <c>sync_runs</c> (counts as
/// columns) and its item errors in <c>sync_item_errors</c>. Reads are untracked and load the errors
/// with the runs; an update is one statement (see <see cref="SyncRunSql"/>). Queries for hosts filter
/// by owner; the "ForBackground" ones are the engine's.
/// </summary>
internal sealed class EfCoreSyncRunStore<TContext>(DbContextSource<TContext> contexts) : ISyncRunStore
    where TContext : DbContext
{
    // A constant (not a parameter) in the SQL, so the planner can match the partial indexes.
    private const int Running = (int)SyncRunStatus.Running;

    private static readonly Func<TContext, Guid, string, string, CancellationToken, Task<SyncRunEntity?>> GetQuery =
        EF.CompileAsyncQuery((TContext db, Guid id, string tenant, string user, CancellationToken _) =>
            db.Set<SyncRunEntity>().AsNoTracking().Include(r => r.Errors).FirstOrDefault(r => r.Id == id && r.TenantId == tenant && r.UserId == user));

    private static readonly Func<TContext, Guid, CancellationToken, Task<SyncRunEntity?>> GetForBackgroundQuery =
        EF.CompileAsyncQuery((TContext db, Guid id, CancellationToken _) =>
            db.Set<SyncRunEntity>().AsNoTracking().Include(r => r.Errors).FirstOrDefault(r => r.Id == id));

    private static readonly Func<TContext, Guid, string, IAsyncEnumerable<SyncRunEntity>> RunningQuery =
        EF.CompileAsyncQuery((TContext db, Guid id, string resource) =>
            db.Set<SyncRunEntity>().AsNoTracking()
                .Where(r => r.IntegrationId == id && r.Resource == resource && r.Status == Running)
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
                .Include(r => r.Errors));

    private readonly PerModel<SyncRunSql> _sql = new(SyncRunSql.For);

    public Task AddAsync(SyncRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return contexts.RunAsync(
            async (db, ct) =>
            {
                db.Add(SyncRunMapper.ToEntity(run));
                try
                {
                    return await db.SaveChangesAsync(ct).ConfigureAwait(false);
                }
                catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
                {
                    throw new IntegrationException(IntegrationErrorCode.InvalidRequest, $"A sync run with id {run.Id} already exists.", e);
                }
            },
            cancellationToken);
    }

    public Task UpdateAsync(SyncRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var entity = SyncRunMapper.ToEntity(run);
        return contexts.RunAsync(
            async (db, ct) =>
            {
                var sql = _sql.For(db);
                var errors = entity.Errors;
                NpgsqlParameter[] parameters =
                [
                    .. sql.Runs.Parameters(entity),
                    new(SyncRunSql.ErrorCount, NpgsqlDbType.Integer) { Value = errors.Count },
                    new(SyncRunSql.Ordinals, SyncRunSql.IntegerArray) { Value = errors.Select(e => e.Ordinal).ToArray() },
                    new(SyncRunSql.Sides, SyncRunSql.IntegerArray) { Value = errors.Select(e => e.Side).ToArray() },
                    new(SyncRunSql.ItemIds, SyncStateSql.TextArray) { Value = errors.Select(e => e.ItemId).ToArray() },
                    new(SyncRunSql.Codes, SyncStateSql.TextArray) { Value = errors.Select(e => e.Code).ToArray() },
                    new(SyncRunSql.Messages, SyncStateSql.TextArray) { Value = errors.Select(e => e.Message).ToArray() },
                ];
                var updated = await db.Database.SqlQueryRaw<long>(sql.Update, parameters).ToListAsync(ct).ConfigureAwait(false);
                return updated is [1] ? true : throw SyncErrors.RunNotFound(run.Id);
            },
            cancellationToken);
    }

    public Task<SyncRun?> GetAsync(IntegrationOwner owner, Guid runId, CancellationToken cancellationToken = default) =>
        contexts.RunAsync(
            async (db, ct) => ToModel(await GetQuery(db, runId, IntegrationMapper.StoredTenant(owner.TenantId), owner.UserId, ct).ConfigureAwait(false)),
            cancellationToken);

    public Task<SyncRun?> GetForBackgroundAsync(Guid runId, CancellationToken cancellationToken = default) =>
        contexts.RunAsync(async (db, ct) => ToModel(await GetForBackgroundQuery(db, runId, ct).ConfigureAwait(false)), cancellationToken);

    public Task<SyncRunPage> QueryAsync(IntegrationKey integration, SyncHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenant = IntegrationMapper.StoredTenant(integration.Owner.TenantId);
        var user = integration.Owner.UserId;
        var statuses = query.Statuses.Select(s => (int)s).Distinct().ToArray();
        var from = Timestamps.ToStorage(query.StartedFrom);
        var before = Timestamps.ToStorage(query.StartedBefore);
        return contexts.RunAsync(
            async (db, ct) =>
            {
                var runs = db.Set<SyncRunEntity>().AsNoTracking()
                    .Where(r => r.IntegrationId == integration.Id && r.TenantId == tenant && r.UserId == user);
                if (query.Resource is { } resource)
                {
                    runs = runs.Where(r => r.Resource == resource);
                }

                if (statuses.Length > 0)
                {
                    runs = runs.Where(r => statuses.Contains(r.Status));
                }

                if (from is { } f)
                {
                    runs = runs.Where(r => r.StartedAt >= f);
                }

                if (before is { } b)
                {
                    runs = runs.Where(r => r.StartedAt < b);
                }

                // The page first: a page shorter than asked for (and not empty past the end) tells the
                // total, so the usual look at a short history is one round trip; only otherwise count.
                var skip = Math.Max(0, query.Skip);
                List<SyncRunEntity> page = query.Take < 1
                    ? []
                    : await runs
                        .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
                        .Skip(skip).Take(query.Take)
                        .Include(r => r.Errors)
                        .ToListAsync(ct)
                        .ConfigureAwait(false);
                var total = page.Count < query.Take && (page.Count > 0 || skip == 0)
                    ? skip + page.Count
                    : await runs.CountAsync(ct).ConfigureAwait(false);
                return new SyncRunPage(page.ConvertAll(SyncRunMapper.ToModel), total);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<SyncRun>> ListRunningForBackgroundAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return contexts.RunAsync(
            async (db, ct) =>
            {
                var running = new List<SyncRun>();
                await foreach (var row in RunningQuery(db, integrationId, resource).WithCancellation(ct).ConfigureAwait(false))
                {
                    running.Add(SyncRunMapper.ToModel(row));
                }

                return (IReadOnlyList<SyncRun>)running;
            },
            cancellationToken);
    }

    public Task<int> DeleteCompletedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var cutOff = Timestamps.ToStorage(before);

        // The item errors go with their runs (ON DELETE CASCADE).
        return contexts.RunAsync(
            (db, ct) => db.Set<SyncRunEntity>().Where(r => r.Status != Running && r.StartedAt < cutOff).ExecuteDeleteAsync(ct),
            cancellationToken);
    }

    private static SyncRun? ToModel(SyncRunEntity? entity) => entity is null ? null : SyncRunMapper.ToModel(entity);
}
