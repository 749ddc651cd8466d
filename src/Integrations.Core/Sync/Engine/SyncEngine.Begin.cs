namespace Integrations.Internal;

/// <summary>Accepting a request: the integration check, the plan, the leases, joins and the run records.</summary>
internal sealed partial class SyncEngine
{
    private async Task<(Integration Integration, IReadOnlyList<SyncStart> Starts)> BeginAsync(IntegrationKey key, SyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var integration = await _integrations.GetAsync(key.Owner, key.Id, cancellationToken).ConfigureAwait(false) ?? throw Errors.NotFound(key.Id);
        if (integration.Status != IntegrationStatus.Active)
        {
            throw Errors.Inactive(integration);
        }

        if (request.DateRange is { From: { } from, To: { } to } && from >= to)
        {
            throw SyncErrors.InvalidRequest(integration, "The sync date range must end after it starts.");
        }

        var plans = _registry.Plan(integration, request);

        // First every lease (or join), so a busy resource rejects the request before anything is recorded.
        List<(SyncPlan Plan, SyncLease? Lease, SyncStart? Joined)> claims = new(plans.Count);
        List<SyncStart> starts = new(plans.Count);
        try
        {
            foreach (var plan in plans)
            {
                if (request.DryRun)
                {
                    claims.Add((plan, null, null));
                    continue;
                }

                var lease = await SyncLease.TryAcquireAsync(_leases, plan.LeaseKey(integration.Id), _options, _time, _logger, cancellationToken).ConfigureAwait(false);
                if (lease is not null)
                {
                    claims.Add((plan, lease, null));
                    continue;
                }

                var joined = (request.WhenAlreadyRunning ?? _options.WhenAlreadyRunning) == SyncAlreadyRunningBehavior.Join
                    ? await FindJoinableAsync(integration, plan, cancellationToken).ConfigureAwait(false)
                    : null;
                claims.Add((plan, null, joined ?? throw SyncErrors.AlreadyRunning(integration.Id, plan.Resource)));
            }

            foreach (var (plan, lease, joined) in claims)
            {
                starts.Add(joined ?? await CreateRunAsync(integration, request, plan, lease, cancellationToken).ConfigureAwait(false));
            }

            return (integration, starts);
        }
        catch
        {
            foreach (var start in starts.Where(s => s.Active is not null))
            {
                _byRunId.TryRemove(start.Run.Id, out _);
                _byResource.TryRemove(new KeyValuePair<(Guid, string), SyncActiveRun>((integration.Id, start.Plan.Resource), start.Active!));
                await _runs.UpdateAsync(start.Run with { Status = SyncRunStatus.Cancelled, ErrorMessage = "The request failed before the run started.", CompletedAt = _time.GetUtcNow() }, CancellationToken.None)
                    .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            foreach (var (_, lease, _) in claims)
            {
                if (lease is not null)
                {
                    await lease.DisposeAsync().ConfigureAwait(false);
                }
            }

            throw;
        }
    }

    /// <summary>Records a new run. Under the lease, runs of the same resource still marked running were abandoned by a killed process.</summary>
    private async Task<SyncStart> CreateRunAsync(Integration integration, SyncRequest request, SyncPlan plan, SyncLease? lease, CancellationToken cancellationToken)
    {
        var runId = Guid.NewGuid();
        var now = _time.GetUtcNow();
        var tookOver = false;
        if (lease is not null)
        {
            foreach (var abandoned in await _runs.ListRunningForBackgroundAsync(integration.Id, plan.Resource, cancellationToken).ConfigureAwait(false))
            {
                if (abandoned.IsDryRun)
                {
                    continue;
                }

                tookOver = true;
                SyncLog.RunAbandoned(_logger, abandoned.Id, plan.Resource, integration.Id, runId);
                await _runs.UpdateAsync(abandoned with
                {
                    Status = SyncRunStatus.Failed,
                    ErrorCode = IntegrationErrorCode.SyncFailed,
                    ErrorMessage = $"The process running this sync stopped before the run ended; run {runId} took over.",
                    CompletedAt = now,
                }, cancellationToken).ConfigureAwait(false);
            }
        }

        var state = await _states.GetAsync(integration.Id, plan.Resource, cancellationToken).ConfigureAwait(false);
        var run = new SyncRun
        {
            Id = runId,
            IntegrationId = integration.Id,
            TenantId = integration.TenantId,
            UserId = integration.UserId,
            Provider = integration.Provider,
            Resource = plan.Resource,
            Type = request.Type,
            TriggeredBy = request.TriggeredBy,
            Direction = plan.Direction,
            IsDryRun = request.DryRun,
            DateRange = request.DateRange ?? state?.CursorDateRange,
            Status = SyncRunStatus.Running,
            CursorBefore = state?.Cursor,
            CursorAfter = state?.Cursor,
            StartedAt = now,
        };
        var active = new SyncActiveRun(run);
        _byRunId[runId] = active;
        if (lease is not null)
        {
            _byResource[(integration.Id, plan.Resource)] = active;
        }

        await _runs.AddAsync(run, cancellationToken).ConfigureAwait(false);
        return new SyncStart { Plan = plan, Run = run, Active = active, Lease = lease, TookOverAbandonedRun = tookOver };
    }

    /// <summary>Finds the run holding the lease: in this process (wait for it) or in another (poll the store).</summary>
    private async Task<SyncStart?> FindJoinableAsync(Integration integration, SyncPlan plan, CancellationToken cancellationToken)
    {
        if (_byResource.TryGetValue((integration.Id, plan.Resource), out var active))
        {
            return new SyncStart { Plan = plan, Run = active.Run, Join = ct => WaitAsync(active, ct) };
        }

        var running = (await _runs.ListRunningForBackgroundAsync(integration.Id, plan.Resource, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(r => !r.IsDryRun);
        return running is null ? null : new SyncStart { Plan = plan, Run = running, Join = ct => PollAsync(running, plan, ct) };
    }

    private async Task<SyncRun> WaitAsync(SyncActiveRun active, CancellationToken cancellationToken)
    {
        try
        {
            return await active.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return await _runs.GetForBackgroundAsync(active.Run.Id, CancellationToken.None).ConfigureAwait(false) ?? active.Run;
        }
    }

    /// <summary>Waits for a run of another process: until it is no longer running, or its lease is free (its process stopped).</summary>
    private async Task<SyncRun> PollAsync(SyncRun running, SyncPlan plan, CancellationToken cancellationToken)
    {
        var current = running;
        try
        {
            while (current.Status == SyncRunStatus.Running)
            {
                await Task.Delay(_options.JoinPollInterval, _time, cancellationToken).ConfigureAwait(false);
                current = await _runs.GetForBackgroundAsync(running.Id, cancellationToken).ConfigureAwait(false) ?? current;
                if (current.Status == SyncRunStatus.Running
                    && await _leases.TryAcquireAsync(plan.LeaseKey(running.IntegrationId), _options.JoinPollInterval, cancellationToken).ConfigureAwait(false) is { } probe)
                {
                    await _leases.ReleaseAsync(probe, CancellationToken.None).ConfigureAwait(false);
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return current;
    }
}
