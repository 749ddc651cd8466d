namespace Integrations.Core.Tests.Connect;

/// <summary>
/// An in-memory store that lets a test slip a competing write in just before the SDK's own, the
/// way a concurrent request in another process would.
/// </summary>
internal sealed class RacingIntegrationStore : IIntegrationStore
{
    private int _adds;
    private int _updates;

    public InMemoryIntegrationStore Inner { get; } = new();

    public Func<Integration, Task>? BeforeFirstAdd { get; set; }

    public Func<Integration, Task>? BeforeFirstUpdate { get; set; }

    public async Task<Integration> AddAsync(Integration integration, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _adds) == 1 && BeforeFirstAdd is { } race)
        {
            await race(integration);
        }

        return await Inner.AddAsync(integration, cancellationToken);
    }

    public async Task<Integration> UpdateAsync(Integration integration, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _updates) == 1 && BeforeFirstUpdate is { } race)
        {
            await race(integration);
        }

        return await Inner.UpdateAsync(integration, cancellationToken);
    }

    public Task<Integration?> GetAsync(IntegrationOwner owner, Guid id, CancellationToken cancellationToken = default) => Inner.GetAsync(owner, id, cancellationToken);

    public Task<Integration?> GetForBackgroundAsync(Guid id, CancellationToken cancellationToken = default) => Inner.GetForBackgroundAsync(id, cancellationToken);

    public Task<IReadOnlyList<Integration>> ListAsync(IntegrationOwner owner, IntegrationFilter? filter = null, CancellationToken cancellationToken = default) => Inner.ListAsync(owner, filter, cancellationToken);

    public Task<Integration?> FindByExternalAccountAsync(IntegrationOwner owner, string provider, string externalAccountId, CancellationToken cancellationToken = default) =>
        Inner.FindByExternalAccountAsync(owner, provider, externalAccountId, cancellationToken);

    public Task<IReadOnlyList<Integration>> FindByExternalAccountForBackgroundAsync(string provider, string externalAccountId, CancellationToken cancellationToken = default) =>
        Inner.FindByExternalAccountForBackgroundAsync(provider, externalAccountId, cancellationToken);

    public Task<bool> DeleteAsync(IntegrationOwner owner, Guid id, CancellationToken cancellationToken = default) => Inner.DeleteAsync(owner, id, cancellationToken);

    public Task<IReadOnlyList<Integration>> ListExpiringForBackgroundAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) =>
        Inner.ListExpiringForBackgroundAsync(before, limit, cancellationToken);

    public Task<IReadOnlyList<Integration>> ListDueForSyncForBackgroundAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        Inner.ListDueForSyncForBackgroundAsync(now, limit, cancellationToken);
}
