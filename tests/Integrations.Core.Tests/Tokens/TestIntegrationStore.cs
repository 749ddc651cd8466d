namespace Integrations.Core.Tests.Tokens;

/// <summary>
/// The in-memory store with hooks: counts reads, and runs <see cref="BeforeAdd"/> and
/// <see cref="BeforeUpdate"/> before every add and update (to hold a write, or to let "someone
/// else" change the record first, the way a concurrent request in another process would).
/// </summary>
internal sealed class TestIntegrationStore : IIntegrationStore
{
    private int _reads;

    public InMemoryIntegrationStore Inner { get; } = new();

    public int Reads => Volatile.Read(ref _reads);

    public Func<Integration, Task>? BeforeAdd { get; set; }

    public Func<Integration, Task>? BeforeUpdate { get; set; }

    public Task<Integration?> GetAsync(IntegrationOwner owner, Guid id, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return Inner.GetAsync(owner, id, cancellationToken);
    }

    public Task<Integration?> GetForBackgroundAsync(Guid id, CancellationToken cancellationToken = default) => Inner.GetForBackgroundAsync(id, cancellationToken);

    public Task<IReadOnlyList<Integration>> ListAsync(IntegrationOwner owner, IntegrationFilter? filter = null, CancellationToken cancellationToken = default) =>
        Inner.ListAsync(owner, filter, cancellationToken);

    public Task<Integration?> FindByExternalAccountAsync(IntegrationOwner owner, string provider, string externalAccountId, CancellationToken cancellationToken = default) =>
        Inner.FindByExternalAccountAsync(owner, provider, externalAccountId, cancellationToken);

    public Task<IReadOnlyList<Integration>> FindByExternalAccountForBackgroundAsync(string provider, string externalAccountId, CancellationToken cancellationToken = default) =>
        Inner.FindByExternalAccountForBackgroundAsync(provider, externalAccountId, cancellationToken);

    public async Task<Integration> AddAsync(Integration integration, CancellationToken cancellationToken = default)
    {
        if (BeforeAdd is { } hook)
        {
            await hook(integration);
        }

        return await Inner.AddAsync(integration, cancellationToken);
    }

    public async Task<Integration> UpdateAsync(Integration integration, CancellationToken cancellationToken = default)
    {
        if (BeforeUpdate is { } hook)
        {
            await hook(integration);
        }

        return await Inner.UpdateAsync(integration, cancellationToken);
    }

    public Task<bool> DeleteAsync(IntegrationOwner owner, Guid id, CancellationToken cancellationToken = default) => Inner.DeleteAsync(owner, id, cancellationToken);

    public Task<IReadOnlyList<Integration>> ListExpiringForBackgroundAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) =>
        Inner.ListExpiringForBackgroundAsync(before, limit, cancellationToken);

    public Task<IReadOnlyList<Integration>> ListDueForSyncForBackgroundAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        Inner.ListDueForSyncForBackgroundAsync(now, limit, cancellationToken);
}
