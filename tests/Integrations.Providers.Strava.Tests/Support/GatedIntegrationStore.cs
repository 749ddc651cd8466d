namespace Integrations.Providers.Strava.Tests.Support;

/// <summary>
/// The in-memory store, except that the first write of new tokens waits for the test: the test can
/// look at what is being stored, and at what the caller has or has not received meanwhile.
/// </summary>
internal sealed class GatedIntegrationStore : IIntegrationStore
{
    private readonly InMemoryIntegrationStore _inner = new();
    private readonly TaskCompletionSource<Integration> _tokenWriteStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _gated;

    /// <summary>Completes with the integration being written when the first token write arrives.</summary>
    public Task<Integration> TokenWriteStarted => _tokenWriteStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));

    public void Release() => _release.TrySetResult();

    public async Task<Integration> UpdateAsync(Integration integration, CancellationToken cancellationToken = default)
    {
        var current = await _inner.GetForBackgroundAsync(integration.Id, cancellationToken);
        if (current?.Tokens?.Ciphertext != integration.Tokens?.Ciphertext && Interlocked.Exchange(ref _gated, 1) == 0)
        {
            _tokenWriteStarted.TrySetResult(integration);
            await _release.Task;
        }

        return await _inner.UpdateAsync(integration, cancellationToken);
    }

    public Task<Integration?> GetAsync(IntegrationOwner owner, Guid id, CancellationToken cancellationToken = default) => _inner.GetAsync(owner, id, cancellationToken);

    public Task<Integration?> GetForBackgroundAsync(Guid id, CancellationToken cancellationToken = default) => _inner.GetForBackgroundAsync(id, cancellationToken);

    public Task<IReadOnlyList<Integration>> ListAsync(IntegrationOwner owner, IntegrationFilter? filter = null, CancellationToken cancellationToken = default) => _inner.ListAsync(owner, filter, cancellationToken);

    public Task<Integration?> FindByExternalAccountAsync(IntegrationOwner owner, string provider, string externalAccountId, CancellationToken cancellationToken = default) =>
        _inner.FindByExternalAccountAsync(owner, provider, externalAccountId, cancellationToken);

    public Task<IReadOnlyList<Integration>> FindByExternalAccountForBackgroundAsync(string provider, string externalAccountId, CancellationToken cancellationToken = default) =>
        _inner.FindByExternalAccountForBackgroundAsync(provider, externalAccountId, cancellationToken);

    public Task<Integration> AddAsync(Integration integration, CancellationToken cancellationToken = default) => _inner.AddAsync(integration, cancellationToken);

    public Task<bool> DeleteAsync(IntegrationOwner owner, Guid id, CancellationToken cancellationToken = default) => _inner.DeleteAsync(owner, id, cancellationToken);

    public Task<IReadOnlyList<Integration>> ListExpiringForBackgroundAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) =>
        _inner.ListExpiringForBackgroundAsync(before, limit, cancellationToken);

    public Task<IReadOnlyList<Integration>> ListDueForSyncForBackgroundAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        _inner.ListDueForSyncForBackgroundAsync(now, limit, cancellationToken);
}
