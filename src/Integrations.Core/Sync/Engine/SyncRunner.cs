using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Internal;

/// <summary>
/// Runs one resource's sync: pull (pages of remote changes, then reconciliation after a full pass)
/// and push (local changes to the provider). Lives for one run.
/// </summary>
/// <remarks>
/// Crash safety: after every page the links of the page and the new checkpoint are saved in one
/// <see cref="ISyncStateStore.CommitAsync"/>; the cursor moves only when a pass completed. When a run
/// stops mid-page (failure, cancellation, lost lease), <see cref="FlushAsync"/> saves the links of the
/// items already applied with the old checkpoint, so the next run re-reads the page and skips them.
/// Only a hard kill loses those links; the next run flags what it may deliver again
/// (<see cref="SyncState.RecoveryPass"/>).
/// </remarks>
internal sealed partial class SyncRunner<TItem> : ISyncResourceRunner
    where TItem : class
{
    private readonly SyncRunExecution _run;
    private readonly SyncHandlerRegistration<TItem> _registration;
    private readonly ISyncSource<TItem> _source;
    private readonly ISyncTarget<TItem>? _target;
    private readonly SyncResourceOptions<TItem> _options;
    private readonly SyncRunRecorder _recorder;
    private readonly SyncPendingLinks _pending = new();
    private SyncState _state;

    public SyncRunner(SyncRunExecution run, SyncHandlerRegistration<TItem> registration, ISyncSource<TItem> source, ISyncTarget<TItem>? target, SyncResourceOptions<TItem> options)
    {
        _run = run;
        _registration = registration;
        _source = source;
        _target = target;
        _options = options;
        _recorder = run.Recorder;
        _state = SyncState.Empty(run.IntegrationId, run.Resource);
    }

    public bool LeftUnsavedWrites { get; private set; }

    private SyncContext Context => _run.Context;

    private bool DryRun => _run.IsDryRun;

    /// <summary>Whether local versions can be written to the provider in this run (the push direction, not dry).</summary>
    private bool CanPush => _run.Plan.Push && _target is not null;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _state = await _run.States.GetAsync(_run.IntegrationId, _run.Resource, cancellationToken).ConfigureAwait(false) ?? _state;
        _recorder.CursorBefore = _state.Cursor;
        _recorder.CursorAfter = _state.Cursor;
        try
        {
            if (_run.TookOverAbandonedRun && !DryRun)
            {
                // The killed run may have applied changes it could not record. Remember the pass they
                // belong to before anything else, so every run until they are recorded flags them.
                var recoveryPass = _state.RecoveryPass is not null ? 0 : _state.Checkpoint?.Pass ?? 0;
                await CommitAsync(_state with { RecoveryPass = recoveryPass }).ConfigureAwait(false);
            }

            if (!DryRun && _state.PendingCreates.Count > 0 && _target is not null)
            {
                // Before pulling, or the pull would import the killed run's creates as new items.
                await RecoverPendingCreatesAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_run.Plan.Pull)
            {
                await PullAsync(cancellationToken).ConfigureAwait(false);
            }

            if (_run.Plan.Push)
            {
                await PushAsync(cancellationToken).ConfigureAwait(false);
            }

            _recorder.Phase = SyncPhase.Completed;
        }
        catch
        {
            await FlushAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Saves the links of the items applied so far with the last saved checkpoint (the page is read again next time).</summary>
    private async Task FlushAsync()
    {
        if (DryRun || _pending.Count == 0)
        {
            return;
        }

        try
        {
            _state = await _run.States.CommitAsync(_pending.ToCommit(_state), CancellationToken.None).ConfigureAwait(false);
            _pending.Clear();
        }
        catch (Exception ex)
        {
            LeftUnsavedWrites = true;
            SyncLog.SaveFailed(_run.Logger, ex, Context.RunId);
        }
    }

    /// <summary>Saves <paramref name="state"/> with the pending links. Not cancellable: a page once applied is recorded.</summary>
    private async Task CommitAsync(SyncState state)
    {
        try
        {
            _state = await _run.States.CommitAsync(_pending.ToCommit(state), CancellationToken.None).ConfigureAwait(false);
            _pending.Clear();
        }
        catch (IntegrationException ex) when (ex.Code == IntegrationErrorCode.ConcurrencyConflict)
        {
            _pending.Clear();
            throw new SyncAbortException(IntegrationErrorCode.ConcurrencyConflict, $"Another run saved the sync state of '{_run.Resource}' meanwhile; this run stopped without saving its last page.", null, ex);
        }
    }

    /// <summary>After a saved page: item metrics, the run record, progress.</summary>
    private async Task PageDoneAsync(SyncPhase phase)
    {
        _recorder.Phase = phase;
        var (local, remote, conflicts) = _recorder.TakeDeltas();
        if (!DryRun)
        {
            SyncMetrics.Items(_run.Telemetry, Context.Provider, _run.Resource, SyncSide.Local, local, conflicts);
            SyncMetrics.Items(_run.Telemetry, Context.Provider, _run.Resource, SyncSide.Remote, remote, 0);
        }

        try
        {
            await _run.Runs.UpdateAsync(_recorder.Snapshot(), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Progress is informational; the run itself goes on.
            SyncLog.SaveFailed(_run.Logger, ex, Context.RunId);
        }

        _run.Progress?.Report(_recorder.Progress(Context.RunId, _run.Resource));
    }

    /// <summary>Reads the current local state of linked items, for conflict detection.</summary>
    private async Task<IReadOnlyDictionary<string, LocalChange<TItem>>> ReadLocalAsync(IServiceProvider services, IReadOnlyCollection<string> localIds, CancellationToken cancellationToken)
    {
        try
        {
            return await _registration.GetFeed(services)!.GetCurrentAsync(Context, localIds, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw new SyncAbortException(IntegrationErrorCode.SyncFailed, $"Reading local items failed: {ex.Message}", null, ex);
        }
    }

    private AsyncServiceScope CreateScope() => _run.Scopes.CreateAsyncScope();

    private void ItemFailed(SyncSide side, string itemId, Exception exception)
    {
        var code = SyncFailures.ItemCode(exception);
        SyncLog.ItemFailed(_run.Logger, exception, itemId, _run.Resource, side, code);
        _recorder.ItemFailed(side, itemId, code, exception.Message);
    }

    private static bool IsItemFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is not SyncAbortException && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
