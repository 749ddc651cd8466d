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

    public async Task AddAsync(PendingAuthorization authorization, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        await using var lease = await contexts.OpenAsync(cancellationToken).ConfigureAwait(false);
        lease.Context.Add(PendingAuthorizationMapper.ToEntity(authorization));
        try
        {
            await lease.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            throw new IntegrationException(IntegrationErrorCode.InvalidState, "A pending authorization with this state already exists.", e);
        }
    }

    public async Task<PendingAuthorization?> GetAsync(string stateHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateHash);
        await using var lease = await contexts.OpenAsync(cancellationToken).ConfigureAwait(false);
        var entity = await GetQuery(lease.Context, stateHash, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : PendingAuthorizationMapper.ToModel(entity);
    }

    public async Task<bool> TryConsumeAsync(string stateHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateHash);
        await using var lease = await contexts.OpenAsync(cancellationToken).ConfigureAwait(false);
        var deleted = await lease.Context.Set<PendingAuthorizationEntity>()
            .Where(e => e.StateHash == stateHash)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
        return deleted == 1;
    }

    public async Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        var cutOff = Timestamps.ToStorage(before);
        await using var lease = await contexts.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await lease.Context.Set<PendingAuthorizationEntity>()
            .Where(e => e.ExpiresAt < cutOff)
            .ExecuteDeleteAsync(cancellationToken)
            .ConfigureAwait(false);
    }
}
