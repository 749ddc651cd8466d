namespace Integrations.Core.Tests.Sync.Support;

/// <summary>
/// Simulates a hard process kill: once tripped, every store call, HTTP request and handler call of
/// the doomed engine throws, so nothing it does afterwards reaches durable state (no flush, no run
/// update, no lease release), exactly as if the process had died at that instant.
/// </summary>
public sealed class KillSwitch
{
    private volatile bool _killed;

    public bool IsKilled => _killed;

    public void Kill() => _killed = true;

    public void ThrowIfKilled()
    {
        if (_killed)
        {
            throw new ProcessKilledException();
        }
    }
}

public sealed class ProcessKilledException() : Exception("The process was killed (simulated).");

public sealed class KillableStateStore(ISyncStateStore inner, KillSwitch kill) : ISyncStateStore
{
    /// <summary>Trips the switch just before the n-th commit (1-based) instead of committing it.</summary>
    public int KillAtCommit { get; set; }

    private int _commits;

    public Task<SyncState?> GetAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default)
    {
        kill.ThrowIfKilled();
        return inner.GetAsync(integrationId, resource, cancellationToken);
    }

    public Task<SyncState> CommitAsync(SyncCommit commit, CancellationToken cancellationToken = default)
    {
        if (KillAtCommit > 0 && ++_commits == KillAtCommit)
        {
            kill.Kill();
        }

        kill.ThrowIfKilled();
        return inner.CommitAsync(commit, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, SyncItemLink>> GetLinksAsync(Guid integrationId, string resource, IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken = default)
    {
        kill.ThrowIfKilled();
        return inner.GetLinksAsync(integrationId, resource, externalIds, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, SyncItemLink>> GetLinksByLocalIdAsync(Guid integrationId, string resource, IReadOnlyCollection<string> localIds, CancellationToken cancellationToken = default)
    {
        kill.ThrowIfKilled();
        return inner.GetLinksByLocalIdAsync(integrationId, resource, localIds, cancellationToken);
    }

    public Task<IReadOnlyList<SyncItemLink>> ListLinksNotSeenAsync(Guid integrationId, string resource, long pass, string? afterExternalId, int limit, CancellationToken cancellationToken = default)
    {
        kill.ThrowIfKilled();
        return inner.ListLinksNotSeenAsync(integrationId, resource, pass, afterExternalId, limit, cancellationToken);
    }

    public Task<long> CountLinksAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default)
    {
        kill.ThrowIfKilled();
        return inner.CountLinksAsync(integrationId, resource, cancellationToken);
    }

    public Task<int> DeleteAllAsync(Guid integrationId, CancellationToken cancellationToken = default)
    {
        kill.ThrowIfKilled();
        return inner.DeleteAllAsync(integrationId, cancellationToken);
    }
}

public sealed class KillableRunStore(ISyncRunStore inner, KillSwitch kill) : ISyncRunStore
{
    public Task AddAsync(SyncRun run, CancellationToken cancellationToken = default)
    {
        kill.ThrowIfKilled();
        return inner.AddAsync(run, cancellationToken);
    }

    public Task UpdateAsync(SyncRun run, CancellationToken cancellationToken = default)
    {
        kill.ThrowIfKilled();
        return inner.UpdateAsync(run, cancellationToken);
    }

    public Task<SyncRun?> GetAsync(IntegrationOwner owner, Guid runId, CancellationToken cancellationToken = default) => inner.GetAsync(owner, runId, cancellationToken);

    public Task<SyncRun?> GetForBackgroundAsync(Guid runId, CancellationToken cancellationToken = default) => inner.GetForBackgroundAsync(runId, cancellationToken);

    public Task<SyncRunPage> QueryAsync(IntegrationKey integration, SyncHistoryQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(integration, query, cancellationToken);

    public Task<IReadOnlyList<SyncRun>> ListRunningForBackgroundAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default)
    {
        kill.ThrowIfKilled();
        return inner.ListRunningForBackgroundAsync(integrationId, resource, cancellationToken);
    }

    public Task<int> DeleteCompletedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) => inner.DeleteCompletedBeforeAsync(before, cancellationToken);
}

public sealed class KillableLeaseStore(ILeaseStore inner, KillSwitch kill) : ILeaseStore
{
    public Task<Lease?> TryAcquireAsync(string key, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        kill.ThrowIfKilled();
        return inner.TryAcquireAsync(key, duration, cancellationToken);
    }

    public Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        kill.ThrowIfKilled();
        return inner.RenewAsync(lease, duration, cancellationToken);
    }

    public Task ReleaseAsync(Lease lease, CancellationToken cancellationToken = default)
    {
        kill.ThrowIfKilled();
        return inner.ReleaseAsync(lease, cancellationToken);
    }
}

/// <summary>Kills the process right after the provider answered the n-th write (the write happened remotely, nothing recorded it).</summary>
public sealed class KillAfterWriteHandler(KillSwitch kill) : DelegatingHandler
{
    private int _writes;

    public int KillAfterWrite { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        kill.ThrowIfKilled();
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method != HttpMethod.Get && KillAfterWrite > 0 && ++_writes == KillAfterWrite)
        {
            kill.Kill();
            response.Dispose();
            throw new ProcessKilledException();
        }

        return response;
    }
}
