using Integrations.Internal;

namespace Integrations;

/// <summary>The default <see cref="ISyncRunStore"/>: thread-safe, in process memory, lost on restart.</summary>
public sealed class InMemorySyncRunStore : ISyncRunStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, SyncRun> _runs = [];

    /// <inheritdoc />
    public Task AddAsync(SyncRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            if (!_runs.TryAdd(run.Id, run))
            {
                throw new IntegrationException(IntegrationErrorCode.InvalidRequest, $"A sync run with id {run.Id} already exists.");
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UpdateAsync(SyncRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            if (!_runs.ContainsKey(run.Id))
            {
                throw SyncErrors.RunNotFound(run.Id);
            }

            _runs[run.Id] = run;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<SyncRun?> GetAsync(IntegrationOwner owner, Guid runId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_runs.TryGetValue(runId, out var run) && run.Owner == owner ? run : null);
        }
    }

    /// <inheritdoc />
    public Task<SyncRun?> GetForBackgroundAsync(Guid runId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_runs.GetValueOrDefault(runId));
        }
    }

    /// <inheritdoc />
    public Task<SyncRunPage> QueryAsync(IntegrationKey integration, SyncHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var matching = _runs.Values
                .Where(r => r.IntegrationId == integration.Id
                    && r.Owner == integration.Owner
                    && (query.Resource is null || r.Resource == query.Resource)
                    && (query.Statuses.Count == 0 || query.Statuses.Contains(r.Status))
                    && (query.StartedFrom is null || r.StartedAt >= query.StartedFrom)
                    && (query.StartedBefore is null || r.StartedAt < query.StartedBefore))
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
                .ToList();
            IReadOnlyList<SyncRun> page = matching.Skip(query.Skip).Take(query.Take).ToList();
            return Task.FromResult(new SyncRunPage(page, matching.Count));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SyncRun>> ListRunningForBackgroundAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<SyncRun> running = _runs.Values
                .Where(r => r.IntegrationId == integrationId && r.Resource == resource && r.Status == SyncRunStatus.Running)
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id)
                .ToList();
            return Task.FromResult(running);
        }
    }

    /// <inheritdoc />
    public Task<int> DeleteCompletedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var old = _runs.Values.Where(r => r.Status != SyncRunStatus.Running && r.StartedAt < before).Select(r => r.Id).ToList();
            foreach (var id in old)
            {
                _runs.Remove(id);
            }

            return Task.FromResult(old.Count);
        }
    }
}
