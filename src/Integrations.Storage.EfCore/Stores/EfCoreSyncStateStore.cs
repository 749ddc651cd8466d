using Integrations.Internal;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// <see cref="ISyncStateStore"/> on PostgreSQL: one row per (integration, resource) in
/// <c>sync_states</c> and one per linked item in <c>sync_item_links</c>, keyed by the state's id. A
/// commit is a single statement (see <see cref="SyncStateSql"/>): the version check, the link
/// deletes and the link upserts of a whole page, in one round trip and one transaction. The link
/// look-ups by id are hand-written too (one index probe per id); the other reads are untracked
/// compiled queries. Every read projects straight to the public records.
/// </summary>
internal sealed class EfCoreSyncStateStore<TContext>(DbContextSource<TContext> contexts) : ISyncStateStore
    where TContext : DbContext
{
    private static readonly Func<TContext, Guid, string, CancellationToken, Task<SyncStateEntity?>> GetQuery =
        EF.CompileAsyncQuery((TContext db, Guid id, string resource, CancellationToken _) =>
            db.Set<SyncStateEntity>().AsNoTracking().FirstOrDefault(e => e.IntegrationId == id && e.Resource == resource));

    // The links of a resource are those of its state's id: a scalar subquery the database runs once
    // (0, which no state has, when the resource has no state).
    private static readonly Func<TContext, Guid, string, long, int, IAsyncEnumerable<SyncItemLink>> NotSeenQuery =
        EF.CompileAsyncQuery((TContext db, Guid id, string resource, long pass, int limit) =>
            db.Set<SyncItemLinkEntity>().AsNoTracking()
                .Where(l => l.StateId == db.Set<SyncStateEntity>().Where(s => s.IntegrationId == id && s.Resource == resource).Select(s => s.Id).FirstOrDefault() && l.LastSeenPass < pass)
                .OrderBy(l => l.ExternalId)
                .Take(limit)
                .Select(l => new SyncItemLink(l.ExternalId, l.LocalId, l.RemoteVersion, l.LocalVersion, l.LastSeenPass)));

    // The external ids compare under the column's "C" collation: ordinal, as the contract asks.
    private static readonly Func<TContext, Guid, string, long, string, int, IAsyncEnumerable<SyncItemLink>> NotSeenAfterQuery =
        EF.CompileAsyncQuery((TContext db, Guid id, string resource, long pass, string after, int limit) =>
            db.Set<SyncItemLinkEntity>().AsNoTracking()
                .Where(l => l.StateId == db.Set<SyncStateEntity>().Where(s => s.IntegrationId == id && s.Resource == resource).Select(s => s.Id).FirstOrDefault() && l.LastSeenPass < pass && string.Compare(l.ExternalId, after) > 0)
                .OrderBy(l => l.ExternalId)
                .Take(limit)
                .Select(l => new SyncItemLink(l.ExternalId, l.LocalId, l.RemoteVersion, l.LocalVersion, l.LastSeenPass)));

    private static readonly Func<TContext, Guid, string, CancellationToken, Task<long>> CountQuery =
        EF.CompileAsyncQuery((TContext db, Guid id, string resource, CancellationToken _) =>
            db.Set<SyncItemLinkEntity>().LongCount(l => l.StateId == db.Set<SyncStateEntity>().Where(s => s.IntegrationId == id && s.Resource == resource).Select(s => s.Id).FirstOrDefault()));

    private static readonly Dictionary<string, SyncItemLink> NoLinks = new(StringComparer.Ordinal);

    private readonly PerModel<SyncStateSql> _sql = new(SyncStateSql.For);

    public Task<SyncState?> GetAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return contexts.RunAsync(
            async (db, ct) => await GetQuery(db, integrationId, resource, ct).ConfigureAwait(false) is { } entity ? SyncStateMapper.ToModel(entity) : null,
            cancellationToken);
    }

    public Task<SyncState> CommitAsync(SyncCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var state = commit.State;
        var entity = SyncStateMapper.ToEntity(state, state.Version + 1);
        var links = LinkArrays.From(commit);
        return contexts.RunAsync(
            async (db, ct) =>
            {
                var sql = _sql.For(db);
                List<NpgsqlParameter> parameters = [.. sql.States.Parameters(entity, sql.WrittenProperties), .. links.Parameters()];
                if (state.Version != 0)
                {
                    parameters.Add(new NpgsqlParameter(SyncStateSql.ExpectedVersion, NpgsqlDbType.Bigint) { Value = state.Version });
                }

                var saved = await db.Database
                    .SqlQueryRaw<long>(state.Version == 0 ? sql.InsertState : sql.UpdateState, [.. parameters])
                    .ToListAsync(ct)
                    .ConfigureAwait(false);
                return saved is [var version]
                    ? state with { Version = version }
                    : throw SyncErrors.StateConflict(state.IntegrationId, state.Resource);
            },
            cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, SyncItemLink>> GetLinksAsync(Guid integrationId, string resource, IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken = default) =>
        LinksAsync(integrationId, resource, externalIds, byLocalId: false, cancellationToken);

    public Task<IReadOnlyDictionary<string, SyncItemLink>> GetLinksByLocalIdAsync(Guid integrationId, string resource, IReadOnlyCollection<string> localIds, CancellationToken cancellationToken = default) =>
        LinksAsync(integrationId, resource, localIds, byLocalId: true, cancellationToken);

    public Task<IReadOnlyList<SyncItemLink>> ListLinksNotSeenAsync(Guid integrationId, string resource, long pass, string? afterExternalId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return contexts.RunAsync(
            async (db, ct) =>
            {
                var rows = afterExternalId is null
                    ? NotSeenQuery(db, integrationId, resource, pass, limit)
                    : NotSeenAfterQuery(db, integrationId, resource, pass, afterExternalId, limit);
                var result = new List<SyncItemLink>(Math.Min(limit, 1024));
                await foreach (var link in rows.WithCancellation(ct).ConfigureAwait(false))
                {
                    result.Add(link);
                }

                return (IReadOnlyList<SyncItemLink>)result;
            },
            cancellationToken);
    }

    public Task<long> CountLinksAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return contexts.RunAsync((db, ct) => CountQuery(db, integrationId, resource, ct), cancellationToken);
    }

    public Task<int> DeleteAllAsync(Guid integrationId, CancellationToken cancellationToken = default) =>
        contexts.RunAsync(
            async (db, ct) => (await db.Database
                .SqlQueryRaw<int>(_sql.For(db).DeleteAll, new NpgsqlParameter(SyncStateSql.IntegrationId, NpgsqlDbType.Uuid) { Value = integrationId })
                .ToListAsync(ct)
                .ConfigureAwait(false))[0],
            cancellationToken);

    /// <summary>The links of some external or local ids, one index probe per distinct id (see <see cref="SyncStateSql"/>), by id.</summary>
    private Task<IReadOnlyDictionary<string, SyncItemLink>> LinksAsync(Guid integrationId, string resource, IReadOnlyCollection<string> ids, bool byLocalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, SyncItemLink>>(NoLinks);
        }

        var distinct = ids.Distinct(StringComparer.Ordinal).ToArray();
        return contexts.RunAsync(
            async (db, ct) =>
            {
                var sql = _sql.For(db);
                var links = db.Set<SyncItemLinkEntity>()
                    .FromSqlRaw(
                        byLocalId ? sql.LinksByLocalId : sql.LinksByExternalId,
                        new NpgsqlParameter(SyncStateSql.Ids, SyncStateSql.TextArray) { Value = distinct },
                        new NpgsqlParameter(SyncStateSql.IntegrationId, NpgsqlDbType.Uuid) { Value = integrationId },
                        new NpgsqlParameter(SyncStateSql.Resource, NpgsqlDbType.Text) { Value = resource })
                    .AsNoTracking()
                    .Select(l => new SyncItemLink(l.ExternalId, l.LocalId, l.RemoteVersion, l.LocalVersion, l.LastSeenPass))
                    .AsAsyncEnumerable();
                var found = new Dictionary<string, SyncItemLink>(distinct.Length, StringComparer.Ordinal);
                await foreach (var link in links.WithCancellation(ct).ConfigureAwait(false))
                {
                    found[byLocalId ? link.LocalId : link.ExternalId] = link;
                }

                return (IReadOnlyDictionary<string, SyncItemLink>)found;
            },
            cancellationToken);
    }
}
