using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// <see cref="IPendingAuthorizationStore"/> on EF Core. Consuming is one <c>DELETE</c> whose row
/// count decides the winner, so of concurrent callers (in any process) exactly one gets true.
/// </summary>
internal sealed class EfCorePendingAuthorizationStore<TContext>(DbContextSource<TContext> contexts) : IPendingAuthorizationStore
    where TContext : DbContext
{
    private static readonly Func<TContext, string, CancellationToken, Task<PendingAuthorizationEntity?>> GetQuery =
        EF.CompileAsyncQuery((TContext db, string stateHash, CancellationToken _) =>
            db.Set<PendingAuthorizationEntity>().AsNoTracking().FirstOrDefault(e => e.StateHash == stateHash));

    public Task AddAsync(PendingAuthorization authorization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return contexts.RunAsync(
            async (db, ct) =>
            {
                db.Add(PendingAuthorizationMapper.ToEntity(authorization));
                try
                {
                    return await db.SaveChangesAsync(ct).ConfigureAwait(false);
                }
                catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
                {
                    throw new IntegrationException(IntegrationErrorCode.InvalidState, "A pending authorization with this state already exists.", e);
                }
            },
            cancellationToken);
    }

    public Task<PendingAuthorization?> GetAsync(string stateHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateHash);
        return contexts.RunAsync(
            async (db, ct) => await GetQuery(db, stateHash, ct).ConfigureAwait(false) is { } entity ? PendingAuthorizationMapper.ToModel(entity) : null,
            cancellationToken);
    }

    public Task<bool> TryConsumeAsync(string stateHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateHash);
        return contexts.RunAsync(
            async (db, ct) => await db.Set<PendingAuthorizationEntity>()
                .Where(e => e.StateHash == stateHash)
                .ExecuteDeleteAsync(ct)
                .ConfigureAwait(false) == 1,
            cancellationToken);
    }

    public Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var cutOff = Timestamps.ToStorage(before);
        return contexts.RunAsync(
            (db, ct) => db.Set<PendingAuthorizationEntity>().Where(e => e.ExpiresAt < cutOff).ExecuteDeleteAsync(ct),
            cancellationToken);
    }
}
