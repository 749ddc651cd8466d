using Integrations.Internal;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// <see cref="IIntegrationStore"/> on EF Core. Reads are untracked; the hot ones are compiled
/// queries. Every query taking an id also filters by owner except the "ForBackground" ones.
/// Updates carry <c>tenant_id</c>, <c>user_id</c> and <c>version</c> as concurrency tokens, so a
/// stale or foreign update changes no row.
/// </summary>
internal sealed class EfCoreIntegrationStore<TContext>(DbContextSource<TContext> contexts) : IIntegrationStore
    where TContext : DbContext
{
    // A constant (not a parameter) in the SQL, so the planner can match the partial indexes.
    private const int Active = (int)IntegrationStatus.Active;

    private static readonly Func<TContext, Guid, string, string, CancellationToken, Task<IntegrationEntity?>> GetQuery =
        EF.CompileAsyncQuery((TContext db, Guid id, string tenant, string user, CancellationToken _) =>
            db.Set<IntegrationEntity>().AsNoTracking().FirstOrDefault(e => e.Id == id && e.TenantId == tenant && e.UserId == user));

    private static readonly Func<TContext, Guid, CancellationToken, Task<IntegrationEntity?>> GetForBackgroundQuery =
        EF.CompileAsyncQuery((TContext db, Guid id, CancellationToken _) =>
            db.Set<IntegrationEntity>().AsNoTracking().FirstOrDefault(e => e.Id == id));

    private static readonly Func<TContext, string, string, IAsyncEnumerable<IntegrationEntity>> ListQuery =
        EF.CompileAsyncQuery<TContext, string, string, IntegrationEntity>((db, tenant, user) =>
            db.Set<IntegrationEntity>().AsNoTracking()
                .Where(e => e.TenantId == tenant && e.UserId == user)
                .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id));

    private static readonly Func<TContext, DateTimeOffset, int, IAsyncEnumerable<IntegrationEntity>> ExpiringQuery =
        EF.CompileAsyncQuery((TContext db, DateTimeOffset before, int limit) =>
            db.Set<IntegrationEntity>().AsNoTracking()
                .Where(e => e.Status == Active && e.HasRefreshToken && e.AccessTokenExpiresAt < before)
                .OrderBy(e => e.AccessTokenExpiresAt).ThenBy(e => e.Id)
                .Take(limit));

    private static readonly Func<TContext, DateTimeOffset, int, IAsyncEnumerable<IntegrationEntity>> DueForSyncQuery =
        EF.CompileAsyncQuery((TContext db, DateTimeOffset now, int limit) =>
            db.Set<IntegrationEntity>().AsNoTracking()
                .Where(e => e.Status == Active && e.NextSyncAt != null && e.NextSyncAt <= now)
                .OrderBy(e => e.NextSyncAt).ThenBy(e => e.Id)
                .Take(limit));

    public Task<Integration?> GetAsync(IntegrationOwner owner, Guid id, CancellationToken cancellationToken = default) =>
        contexts.RunAsync(
            async (db, ct) => ToModel(await GetQuery(db, id, IntegrationMapper.StoredTenant(owner.TenantId), owner.UserId, ct).ConfigureAwait(false)),
            cancellationToken);

    public Task<Integration?> GetForBackgroundAsync(Guid id, CancellationToken cancellationToken = default) =>
        contexts.RunAsync(async (db, ct) => ToModel(await GetForBackgroundQuery(db, id, ct).ConfigureAwait(false)), cancellationToken);

    public Task<IReadOnlyList<Integration>> ListAsync(IntegrationOwner owner, IntegrationFilter? filter = null, CancellationToken cancellationToken = default)
    {
        var tenant = IntegrationMapper.StoredTenant(owner.TenantId);
        return contexts.RunAsync(
            (db, ct) =>
            {
                if (filter?.Provider is null && filter?.Status is null)
                {
                    return ToModelsAsync(ListQuery(db, tenant, owner.UserId), ct);
                }

                var query = db.Set<IntegrationEntity>().AsNoTracking().Where(e => e.TenantId == tenant && e.UserId == owner.UserId);
                if (filter.Provider is { } provider)
                {
                    query = query.Where(e => e.Provider == provider);
                }

                if (filter.Status is { } status)
                {
                    var stored = (int)status;
                    query = query.Where(e => e.Status == stored);
                }

                return ToModelsAsync(query.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).AsAsyncEnumerable(), ct);
            },
            cancellationToken);
    }

    public Task<Integration?> FindByExternalAccountAsync(IntegrationOwner owner, string provider, string externalAccountId, CancellationToken cancellationToken = default)
    {
        var tenant = IntegrationMapper.StoredTenant(owner.TenantId);
        return contexts.RunAsync(
            async (db, ct) => ToModel(await db.Set<IntegrationEntity>().AsNoTracking()
                .FirstOrDefaultAsync(
                    e => e.TenantId == tenant && e.UserId == owner.UserId && e.Provider == provider && e.ExternalAccountId == externalAccountId,
                    ct)
                .ConfigureAwait(false)),
            cancellationToken);
    }

    public Task<IReadOnlyList<Integration>> FindByExternalAccountForBackgroundAsync(string provider, string externalAccountId, CancellationToken cancellationToken = default) =>
        contexts.RunAsync(
            (db, ct) => ToModelsAsync(
                db.Set<IntegrationEntity>().AsNoTracking()
                    .Where(e => e.Provider == provider && e.ExternalAccountId == externalAccountId)
                    .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id)
                    .AsAsyncEnumerable(),
                ct),
            cancellationToken);

    public Task<Integration> AddAsync(Integration integration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integration);
        return contexts.RunAsync(
            async (db, ct) =>
            {
                db.Add(IntegrationMapper.ToEntity(integration, version: 1));
                try
                {
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                }
                catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
                {
                    throw Errors.Duplicate(integration);
                }

                return integration with { Version = 1 };
            },
            cancellationToken);
    }

    public Task<Integration> UpdateAsync(Integration integration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integration);
        var entity = IntegrationMapper.ToEntity(integration, integration.Version + 1);
        return contexts.RunAsync(
            async (db, ct) =>
            {
                var entry = db.Attach(entity);
                entry.State = EntityState.Modified;
                entry.Property(e => e.Version).OriginalValue = integration.Version;
                try
                {
                    await db.SaveChangesAsync(ct).ConfigureAwait(false);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // No row matched id, owner and version: tell a lost race from a missing or foreign row.
                    var exists = await db.Set<IntegrationEntity>()
                        .AnyAsync(e => e.Id == entity.Id && e.TenantId == entity.TenantId && e.UserId == entity.UserId, ct)
                        .ConfigureAwait(false);
                    throw exists ? Errors.Concurrency(integration.Id) : Errors.NotFound(integration.Id);
                }
                catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
                {
                    throw Errors.Duplicate(integration);
                }

                return integration with { Version = entity.Version };
            },
            cancellationToken);
    }

    public Task<bool> DeleteAsync(IntegrationOwner owner, Guid id, CancellationToken cancellationToken = default)
    {
        var tenant = IntegrationMapper.StoredTenant(owner.TenantId);
        return contexts.RunAsync(
            async (db, ct) => await db.Set<IntegrationEntity>()
                .Where(e => e.Id == id && e.TenantId == tenant && e.UserId == owner.UserId)
                .ExecuteDeleteAsync(ct)
                .ConfigureAwait(false) > 0,
            cancellationToken);
    }

    public Task<IReadOnlyList<Integration>> ListExpiringForBackgroundAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var storedBefore = Timestamps.ToStorage(before);
        return contexts.RunAsync((db, ct) => ToModelsAsync(ExpiringQuery(db, storedBefore, limit), ct), cancellationToken);
    }

    public Task<IReadOnlyList<Integration>> ListDueForSyncForBackgroundAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var storedNow = Timestamps.ToStorage(now);
        return contexts.RunAsync((db, ct) => ToModelsAsync(DueForSyncQuery(db, storedNow, limit), ct), cancellationToken);
    }

    private static Integration? ToModel(IntegrationEntity? entity) => entity is null ? null : IntegrationMapper.ToModel(entity);

    private static async Task<IReadOnlyList<Integration>> ToModelsAsync(IAsyncEnumerable<IntegrationEntity> rows, CancellationToken cancellationToken)
    {
        var result = new List<Integration>();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            result.Add(IntegrationMapper.ToModel(row));
        }

        return result;
    }
}
