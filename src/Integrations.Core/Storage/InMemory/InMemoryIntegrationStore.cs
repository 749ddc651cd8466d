using Integrations.Internal;

namespace Integrations;

/// <summary>
/// The default <see cref="IIntegrationStore"/>: thread-safe, in process memory, lost on restart.
/// For development, tests and single-process demos.
/// </summary>
public sealed class InMemoryIntegrationStore : IIntegrationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Integration> _byId = [];

    /// <inheritdoc />
    public Task<Integration?> GetAsync(IntegrationOwner owner, Guid id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byId.TryGetValue(id, out var found) && found.Owner == owner ? found : null);
        }
    }

    /// <inheritdoc />
    public Task<Integration?> GetForBackgroundAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byId.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Integration>> ListAsync(IntegrationOwner owner, IntegrationFilter? filter = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Integration> result = _byId.Values
                .Where(i => i.Owner == owner
                    && (filter?.Provider is null || i.Provider == filter.Provider)
                    && (filter?.Status is null || i.Status == filter.Status))
                .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
                .ToList();
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task<Integration?> FindByExternalAccountAsync(IntegrationOwner owner, string provider, string externalAccountId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byId.Values.FirstOrDefault(i =>
                i.Owner == owner && i.Provider == provider && i.Account.Id == externalAccountId));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Integration>> FindByExternalAccountForBackgroundAsync(string provider, string externalAccountId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Integration> result = _byId.Values
                .Where(i => i.Provider == provider && i.Account.Id == externalAccountId)
                .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id)
                .ToList();
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task<Integration> AddAsync(Integration integration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integration);
        lock (_gate)
        {
            if (_byId.ContainsKey(integration.Id) || HasSameAccount(integration))
            {
                throw Errors.Duplicate(integration);
            }

            var stored = integration with { Version = 1 };
            _byId.Add(stored.Id, stored);
            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public Task<Integration> UpdateAsync(Integration integration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(integration);
        lock (_gate)
        {
            if (!_byId.TryGetValue(integration.Id, out var current) || current.Owner != integration.Owner)
            {
                throw Errors.NotFound(integration.Id);
            }

            if (current.Version != integration.Version)
            {
                throw Errors.Concurrency(integration.Id);
            }

            if (HasSameAccount(integration))
            {
                throw Errors.Duplicate(integration);
            }

            var stored = integration with { Version = current.Version + 1 };
            _byId[stored.Id] = stored;
            return Task.FromResult(stored);
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(IntegrationOwner owner, Guid id, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_byId.TryGetValue(id, out var found) && found.Owner == owner && _byId.Remove(id));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Integration>> ListExpiringForBackgroundAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Integration> result = _byId.Values
                .Where(i => i.Status == IntegrationStatus.Active
                    && i.Tokens is { HasRefreshToken: true, AccessTokenExpiresAt: { } expiresAt }
                    && expiresAt < before)
                .OrderBy(i => i.Tokens!.AccessTokenExpiresAt).ThenBy(i => i.Id)
                .Take(limit)
                .ToList();
            return Task.FromResult(result);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Integration>> ListDueForSyncForBackgroundAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<Integration> result = _byId.Values
                .Where(i => i.Status == IntegrationStatus.Active && i.NextSyncAt is { } next && next <= now)
                .OrderBy(i => i.NextSyncAt).ThenBy(i => i.Id)
                .Take(limit)
                .ToList();
            return Task.FromResult(result);
        }
    }

    private bool HasSameAccount(Integration candidate) => _byId.Values.Any(i =>
        i.Id != candidate.Id
        && i.Owner == candidate.Owner
        && i.Provider == candidate.Provider
        && i.Account.Id == candidate.Account.Id);
}
