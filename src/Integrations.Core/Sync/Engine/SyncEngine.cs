using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Internal;

/// <summary>
/// The <see cref="ISyncEngine"/>: checks the integration, plans the resources, takes their leases,
/// records the runs and executes them (in the caller's flow or in the background).
/// </summary>
internal sealed partial class SyncEngine : ISyncEngine, IAsyncDisposable
{
    private readonly IIntegrationStore _integrations;
    private readonly ISyncRunStore _runs;
    private readonly ISyncStateStore _states;
    private readonly ILeaseStore _leases;
    private readonly SyncRegistry _registry;
    private readonly IServiceScopeFactory _scopes;
    private readonly SyncIntegrationUpdater _updater;
    private readonly IntegrationsTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly SyncOptions _options;
    private readonly ILogger<SyncEngine> _logger;
    private readonly ConcurrentDictionary<(Guid IntegrationId, string Resource), SyncActiveRun> _byResource = new();
    private readonly ConcurrentDictionary<Guid, SyncActiveRun> _byRunId = new();
    private readonly ConcurrentDictionary<Task, bool> _background = new();
    private readonly CancellationTokenSource _shutdown = new();
    private int _disposed;

    public SyncEngine(
        IIntegrationStore integrations,
        ISyncRunStore runs,
        ISyncStateStore states,
        ILeaseStore leases,
        SyncRegistry registry,
        IServiceScopeFactory scopes,
        SyncIntegrationUpdater updater,
        IntegrationsTelemetry telemetry,
        TimeProvider time,
        IOptions<SyncOptions> options,
        IEnumerable<SyncHandlerRegistration> handlers,
        IServiceProvider services,
        ILogger<SyncEngine> logger)
    {
        foreach (var handler in handlers)
        {
            handler.ValidateOptions(services);
        }

        _integrations = integrations;
        _runs = runs;
        _states = states;
        _leases = leases;
        _registry = registry;
        _scopes = scopes;
        _updater = updater;
        _telemetry = telemetry;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    public async Task<IReadOnlyList<SyncRun>> RunAsync(IntegrationKey integration, SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (found, starts) = await BeginAsync(integration, request, cancellationToken).ConfigureAwait(false);
        return await CompleteAsync(found, request, starts, progress, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<SyncRun>> StartAsync(IntegrationKey integration, SyncRequest request, IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (found, starts) = await BeginAsync(integration, request, cancellationToken).ConfigureAwait(false);
        if (starts.Any(s => s.Active is not null))
        {
            // Not tied to the caller: the request returns now, the runs end on their own or at shutdown.
            var background = Task.Run(() => CompleteAsync(found, request, starts.Where(s => s.Active is not null).ToList(), progress, _shutdown.Token), CancellationToken.None);
            _background.TryAdd(background, true);
            _ = background.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return starts.Select(s => s.Run).ToList();
    }

    public async Task<SyncRun?> GetRunAsync(IntegrationKey integration, Guid runId, CancellationToken cancellationToken = default)
    {
        var run = await _runs.GetAsync(integration.Owner, runId, cancellationToken).ConfigureAwait(false);
        return run?.IntegrationId == integration.Id ? run : null;
    }

    public Task<SyncRunPage> GetHistoryAsync(IntegrationKey integration, SyncHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Skip < 0 || query.Take is < 1 or > 500)
        {
            throw SyncErrors.InvalidQuery("Sync history: Skip must not be negative and Take must be between 1 and 500.");
        }

        return _runs.QueryAsync(integration, query, cancellationToken);
    }

    public Task<bool> CancelAsync(IntegrationKey integration, Guid runId, CancellationToken cancellationToken = default)
    {
        if (_byRunId.TryGetValue(runId, out var active) && active.Run.IntegrationId == integration.Id && active.Run.Owner == integration.Owner)
        {
            active.Cancellation.Cancel();
            return Task.FromResult(true);
        }

        return Task.FromResult(false);
    }

    /// <summary>Waits until a run of this process ended (the hosting layer and tests); other runs are read from the store.</summary>
    public async Task<SyncRun?> WaitForRunAsync(Guid runId, CancellationToken cancellationToken = default) =>
        _byRunId.TryGetValue(runId, out var active)
            ? await active.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false)
            : await _runs.GetForBackgroundAsync(runId, cancellationToken).ConfigureAwait(false);

    /// <summary>Cancels this process's runs of an integration and waits until they ended (before its sync state is deleted).</summary>
    public async Task CancelIntegrationRunsAsync(Guid integrationId)
    {
        var active = _byRunId.Values.Where(a => a.Run.IntegrationId == integrationId).ToList();
        foreach (var run in active)
        {
            await run.Cancellation.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(active.Select(a => a.Completion.Task)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        // Registered as itself and as ISyncEngine: the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_background.Keys).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Runs the owned starts one after the other and waits for the joined ones.</summary>
    private async Task<IReadOnlyList<SyncRun>> CompleteAsync(Integration integration, SyncRequest request, IReadOnlyList<SyncStart> starts, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        List<SyncRun> results = new(starts.Count);
        SyncRun? stopper = null;
        foreach (var start in starts)
        {
            if (start.Active is null)
            {
                results.Add(await start.Join!(cancellationToken).ConfigureAwait(false));
            }
            else if (stopper is not null)
            {
                // The provider refused the integration (rate limit, reauthorization): the other resources would fail the same way.
                results.Add(await FinishAsync(start, start.Run with
                {
                    Status = SyncRunStatus.Failed,
                    ErrorCode = stopper.ErrorCode,
                    ErrorMessage = $"Not started: the sync of '{stopper.Resource}' failed with {stopper.ErrorCode}.",
                    ResumeAt = stopper.ResumeAt,
                    CompletedAt = _time.GetUtcNow(),
                }).ConfigureAwait(false));
            }
            else
            {
                var run = await ExecuteAsync(integration, request, start, progress, cancellationToken).ConfigureAwait(false);
                results.Add(run);
                if (run is { Status: SyncRunStatus.Failed, ErrorCode: { } code } && SyncFailures.StopsRequest(code))
                {
                    stopper = run;
                }
            }
        }

        return results;
    }

    private async Task<SyncRun> ExecuteAsync(Integration integration, SyncRequest request, SyncStart start, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var active = start.Active!;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, active.Cancellation.Token, _shutdown.Token, start.Lease?.Lost ?? CancellationToken.None);
        using var activity = IntegrationsTelemetry.ActivitySource.StartActivity("integrations.sync.run");
        activity?.SetTag("integrations.provider", integration.Provider);
        activity?.SetTag("integrations.sync.resource", start.Plan.Resource);
        activity?.SetTag("integrations.sync.run_id", start.Run.Id);
        SyncLog.RunStarted(_logger, start.Run.Id, start.Plan.Resource, integration.Id, start.Plan.Direction, request.DryRun);

        var recorder = new SyncRunRecorder(start.Run, _options.MaxRecordedItemErrors, _options.MaxConsecutiveItemFailures);
        ISyncResourceRunner? runner = null;
        var status = SyncRunStatus.Succeeded;
        IntegrationErrorCode? code = null;
        string? message = null;
        TimeSpan? retryAfter = null;
        try
        {
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var execution = new SyncRunExecution
                {
                    Context = new SyncContext { Integration = integration, Resource = start.Plan.Resource, RunId = start.Run.Id, IsDryRun = request.DryRun },
                    Plan = start.Plan,
                    Request = request,
                    Recorder = recorder,
                    Progress = progress,
                    TookOverAbandonedRun = start.TookOverAbandonedRun,
                    States = _states,
                    Runs = _runs,
                    Scopes = _scopes,
                    Time = _time,
                    Options = _options,
                    Telemetry = _telemetry,
                    Logger = _logger,
                };
                var source = start.Plan.Source.Factory(scope.ServiceProvider);
                var target = start.Plan.Target?.Factory(scope.ServiceProvider);
                runner = start.Plan.Handler.CreateRunner(execution, source, target, scope.ServiceProvider);
                await runner.RunAsync(linked.Token).ConfigureAwait(false);
                status = recorder.HasItemFailures ? SyncRunStatus.PartiallySucceeded : SyncRunStatus.Succeeded;
            }
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            if (start.Lease is { IsLost: true })
            {
                (status, code, message) = (SyncRunStatus.Failed, IntegrationErrorCode.SyncFailed, "The sync lease was lost (the run could not renew it, or another process took the resource over); the run stopped.");
            }
            else
            {
                status = SyncRunStatus.Cancelled;
            }
        }
        catch (SyncAbortException ex)
        {
            (status, code, message, retryAfter) = (SyncRunStatus.Failed, ex.Code, ex.Message, ex.RetryAfter);
            SyncLog.RunFailed(_logger, ex.InnerException, start.Run.Id, start.Plan.Resource, integration.Id, ex.Code, ex.Message);
        }
        catch (Exception ex)
        {
            (status, code, message) = (SyncRunStatus.Failed, IntegrationErrorCode.SyncFailed, ex.Message);
            SyncLog.RunFailed(_logger, ex, start.Run.Id, start.Plan.Resource, integration.Id, IntegrationErrorCode.SyncFailed, ex.Message);
        }

        var now = _time.GetUtcNow();
        var final = recorder.Snapshot() with
        {
            Status = status,
            ErrorCode = code,
            ErrorMessage = message,
            ResumeAt = retryAfter is { } wait ? now + wait : null,
            CompletedAt = now,
        };
        activity?.SetTag("integrations.sync.outcome", SyncMetrics.Outcome(status));
        progress?.Report(new SyncProgress(final.Id, final.Resource, SyncPhase.Completed, final.Pages, final.Local, final.Remote, final.Conflicts, recorder.TotalEstimate));
        return await FinishAsync(start, final, saveRecord: runner?.LeftUnsavedWrites != true).ConfigureAwait(false);
    }

    /// <summary>Saves the final record, releases the lease, updates the integration and wakes joiners.</summary>
    /// <param name="start">The run.</param>
    /// <param name="final">Its final record.</param>
    /// <param name="saveRecord">
    /// <see langword="false"/> when the run left unsaved writes: its stored record stays
    /// <see cref="SyncRunStatus.Running"/>, so the next run takes it over as abandoned.
    /// </param>
    private async Task<SyncRun> FinishAsync(SyncStart start, SyncRun final, bool saveRecord = true)
    {
        var active = start.Active!;
        try
        {
            if (saveRecord)
            {
                await _runs.UpdateAsync(final, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            SyncLog.SaveFailed(_logger, ex, final.Id);
        }

        if (start.Lease is not null)
        {
            await start.Lease.DisposeAsync().ConfigureAwait(false);
        }

        _byResource.TryRemove(new KeyValuePair<(Guid, string), SyncActiveRun>((final.IntegrationId, final.Resource), active));
        _byRunId.TryRemove(final.Id, out _);
        if (!final.IsDryRun)
        {
            SyncMetrics.RunCompleted(_telemetry, final);
            await _updater.RecordRunAsync(final).ConfigureAwait(false);
        }

        SyncLog.RunCompleted(_logger, final.Id, final.Resource, final.IntegrationId, final.Status, final.Duration);
        active.Completion.TrySetResult(final);
        return final;
    }
}
