namespace Integrations.Internal;

/// <summary>The pull side: pages of remote changes, then reconciliation after a full pass.</summary>
internal sealed partial class SyncRunner<TItem>
{
    private async Task PullAsync(CancellationToken cancellationToken)
    {
        _recorder.Phase = SyncPhase.Pulling;
        var request = _run.Request;
        var range = request.DateRange ?? _state.CursorDateRange;
        var rangeChanged = request.DateRange is not null && request.DateRange != _state.CursorDateRange;
        var resumed = _state.Checkpoint is { } saved && (!request.ForceFullResync || saved.IsFullPass) && saved.DateRange == range;
        var pass = resumed ? _state.Checkpoint! : NewPass(request.ForceFullResync || _state.Cursor is null || rangeChanged, range);
        var redelivery = RedeliveryFor(pass, resumed);
        var seen = SeenSetFor(pass);
        var restarted = false;
        var pageSize = _options.PageSize ?? _run.Options.PageSize;
        _recorder.IsFullResync = pass.IsFullPass;

        while (pass.Phase == SyncPassPhase.Fetching)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SyncPage<TItem> page;
            try
            {
                page = await _source.FetchPageAsync(Context, new SyncPageRequest(pass.StartCursor, pass.PageToken, pageSize, pass.DateRange), cancellationToken).ConfigureAwait(false);
            }
            catch (SyncCursorExpiredException) when (!restarted)
            {
                // The provider dropped the cursor (or a page token): read everything again, then
                // reconcile. Once per run: a provider that rejects a fresh full sync is broken.
                restarted = true;
                SyncLog.CursorExpired(_run.Logger, _run.Resource, _run.IntegrationId, Context.RunId);
                pass = NewPass(full: true, range);
                redelivery = RedeliveryFor(pass, resumed: false);
                seen = SeenSetFor(pass);
                _recorder.IsFullResync = true;
                continue;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                throw ex is SyncCursorExpiredException
                    ? new SyncAbortException(IntegrationErrorCode.SyncFailed, "The provider rejected the cursor of a full sync it had just started.", null, ex)
                    : SyncFailures.Abort(ex);
            }

            _recorder.Pages++;
            _recorder.TotalEstimate = page.TotalEstimate ?? _recorder.TotalEstimate;
            await ApplyPageAsync(page.Items, pass, redelivery != SyncRedelivery.None, seen, cancellationToken).ConfigureAwait(false);

            if (page.IsLast && !pass.IsFullPass)
            {
                await CompletePassAsync(pass, page.NextCursor).ConfigureAwait(false);
                await PageDoneAsync(SyncPhase.Pulling).ConfigureAwait(false);
                return;
            }

            pass = page.IsLast
                ? pass with { Phase = SyncPassPhase.Reconciling, PageToken = null, PendingCursor = page.NextCursor, PagesCompleted = pass.PagesCompleted + 1 }
                : pass with { PageToken = page.NextPageToken, PagesCompleted = pass.PagesCompleted + 1 };
            await SaveCheckpointAsync(pass, clearRecovery: redelivery == SyncRedelivery.FirstPage).ConfigureAwait(false);
            redelivery = redelivery == SyncRedelivery.FirstPage ? SyncRedelivery.None : redelivery;
            await PageDoneAsync(SyncPhase.Pulling).ConfigureAwait(false);
        }

        await ReconcileAsync(pass, redelivery, seen, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After the last page of a full pass: deletes the local copies of links the pass did not see.</summary>
    private async Task ReconcileAsync(SyncCheckpoint pass, SyncRedelivery redelivery, HashSet<string>? seen, CancellationToken cancellationToken)
    {
        _recorder.Phase = SyncPhase.Reconciling;
        var batchSize = _run.Options.ReconcileBatchSize;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var links = await _run.States.ListLinksNotSeenAsync(_run.IntegrationId, _run.Resource, pass.Pass, pass.ReconcileAfter, batchSize, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<SyncItemLink> vanished = seen is null ? links : links.Where(l => !seen.Contains(l.ExternalId)).ToList();
            if (vanished.Count > 0)
            {
                await ApplyVanishedAsync(vanished, pass, redelivery != SyncRedelivery.None, cancellationToken).ConfigureAwait(false);
            }

            if (links.Count < batchSize)
            {
                await CompletePassAsync(pass, pass.PendingCursor).ConfigureAwait(false);
                await PageDoneAsync(SyncPhase.Reconciling).ConfigureAwait(false);
                return;
            }

            pass = pass with { ReconcileAfter = links[^1].ExternalId };
            await SaveCheckpointAsync(pass, clearRecovery: redelivery == SyncRedelivery.FirstPage).ConfigureAwait(false);
            redelivery = redelivery == SyncRedelivery.FirstPage ? SyncRedelivery.None : redelivery;
            await PageDoneAsync(SyncPhase.Reconciling).ConfigureAwait(false);
        }
    }

    private async Task ApplyPageAsync(IReadOnlyList<SyncItem<TItem>> items, SyncCheckpoint pass, bool possibleRedelivery, HashSet<string>? seen, CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        var externalIds = new string[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            externalIds[i] = items[i].ExternalId;
            seen?.Add(externalIds[i]);
        }

        var found = await _run.States.GetLinksAsync(_run.IntegrationId, _run.Resource, externalIds, cancellationToken).ConfigureAwait(false);
        var links = found.Count > 0 ? found : null;
        var scope = CreateScope();
        await using (scope.ConfigureAwait(false))
        {
            IReadOnlyDictionary<string, LocalChange<TItem>>? current = null;
            if (_registration.HasChangeFeed)
            {
                List<string>? changedLocally = null;
                foreach (var item in items)
                {
                    if (FindLink(item.ExternalId, links) is { } link && ChangedRemotely(item, link))
                    {
                        (changedLocally ??= []).Add(link.LocalId);
                    }
                }

                if (changedLocally is not null)
                {
                    current = await ReadLocalAsync(scope.ServiceProvider, changedLocally, cancellationToken).ConfigureAwait(false);
                }
            }

            var handler = DryRun ? null : _registration.GetHandler(scope.ServiceProvider);
            for (var i = 0; i < items.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var item = items[i];
                await ApplyRemoteAsync(item, FindLink(item.ExternalId, links), current, pass, possibleRedelivery, handler, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ApplyVanishedAsync(IReadOnlyList<SyncItemLink> links, SyncCheckpoint pass, bool possibleRedelivery, CancellationToken cancellationToken)
    {
        var scope = CreateScope();
        await using (scope.ConfigureAwait(false))
        {
            var current = _registration.HasChangeFeed
                ? await ReadLocalAsync(scope.ServiceProvider, links.Select(l => l.LocalId).ToList(), cancellationToken).ConfigureAwait(false)
                : null;
            var handler = DryRun ? null : _registration.GetHandler(scope.ServiceProvider);
            foreach (var link in links)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await ApplyRemoteAsync(SyncItem<TItem>.Deleted(link.ExternalId), link, current, pass, possibleRedelivery, handler, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Applies one remote change locally, unless it is unchanged, our own echo, or a conflict the local
    /// side wins. Completes synchronously when the handler does: a page of new or changed items with
    /// no local change to weigh costs no state machine per item.
    /// </summary>
    private ValueTask ApplyRemoteAsync(
        SyncItem<TItem> item,
        SyncItemLink? link,
        IReadOnlyDictionary<string, LocalChange<TItem>>? current,
        SyncCheckpoint pass,
        bool possibleRedelivery,
        ISyncHandler<TItem>? handler,
        CancellationToken cancellationToken)
    {
        var counts = _recorder.Local;
        counts.Processed++;
        if (link is null && item.IsDeleted)
        {
            counts.Skipped++;
            return ValueTask.CompletedTask;
        }

        if (link is not null && !ChangedRemotely(item, link))
        {
            // Applied before, or written by this engine (echo): only note that the pass saw it.
            counts.Skipped++;
            MarkSeen(link, pass);
            return ValueTask.CompletedTask;
        }

        if ((link is not null && current is not null) || item.IsDeleted || DryRun)
        {
            return ApplyChangedAsync(item, link, current, pass, possibleRedelivery, handler, cancellationToken);
        }

        try
        {
            var upsert = handler!.UpsertAsync(Context, new SyncRemoteChange<TItem>(item, link?.LocalId, link?.RemoteVersion, possibleRedelivery), cancellationToken);
            if (!upsert.IsCompletedSuccessfully)
            {
                return AwaitUpsertAsync(upsert, item, link, pass, cancellationToken);
            }

            Upserted(item, link, pass, upsert.Result);
        }
        catch (Exception ex) when (IsItemFailure(ex, cancellationToken))
        {
            ApplyFailed(item, link, pass, ex);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The general case: a possible conflict, a deletion, or a dry run.</summary>
    private async ValueTask ApplyChangedAsync(
        SyncItem<TItem> item,
        SyncItemLink? link,
        IReadOnlyDictionary<string, LocalChange<TItem>>? current,
        SyncCheckpoint pass,
        bool possibleRedelivery,
        ISyncHandler<TItem>? handler,
        CancellationToken cancellationToken)
    {
        var counts = _recorder.Local;
        try
        {
            if (link is not null && await ResolveConflictAsync(item, link, current, cancellationToken).ConfigureAwait(false) == SyncConflictWinner.Local)
            {
                await KeepLocalAsync(item, link, current!, pass, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (DryRun)
            {
                counts.Wrote(item.IsDeleted, link is not null);
                return;
            }

            var change = new SyncRemoteChange<TItem>(item, link?.LocalId, link?.RemoteVersion, possibleRedelivery);
            if (item.IsDeleted)
            {
                await handler!.DeleteAsync(Context, change, cancellationToken).ConfigureAwait(false);
                _pending.Delete(link!);
                counts.Deleted++;
                _recorder.ItemSucceeded();
            }
            else
            {
                Upserted(item, link, pass, await handler!.UpsertAsync(Context, change, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (Exception ex) when (IsItemFailure(ex, cancellationToken))
        {
            ApplyFailed(item, link, pass, ex);
        }
    }

    private async ValueTask AwaitUpsertAsync(ValueTask<SyncLocalResult> upsert, SyncItem<TItem> item, SyncItemLink? link, SyncCheckpoint pass, CancellationToken cancellationToken)
    {
        try
        {
            Upserted(item, link, pass, await upsert.ConfigureAwait(false));
        }
        catch (Exception ex) when (IsItemFailure(ex, cancellationToken))
        {
            ApplyFailed(item, link, pass, ex);
        }
    }

    /// <summary>Records what the handler wrote: the new link (saved with the page) and the count.</summary>
    private void Upserted(SyncItem<TItem> item, SyncItemLink? link, SyncCheckpoint pass, SyncLocalResult result)
    {
        _pending.Set(new SyncItemLink(item.ExternalId, result.LocalId, item.RemoteVersion, result.LocalVersion, pass.Pass), link);
        _recorder.Local.Wrote(deleted: false, link is not null);
        _recorder.ItemSucceeded();
    }

    private void ApplyFailed(SyncItem<TItem> item, SyncItemLink? link, SyncCheckpoint pass, Exception exception)
    {
        if (link is not null && !item.IsDeleted)
        {
            // The item exists remotely: reconciliation must not delete it because it failed here.
            MarkSeen(link, pass);
        }

        ItemFailed(SyncSide.Local, item.ExternalId, exception);
    }

    /// <summary>The item's link: its pending change in this page, else the stored one (<paramref name="stored"/> is <see langword="null"/> when the page has none).</summary>
    private SyncItemLink? FindLink(string externalId, IReadOnlyDictionary<string, SyncItemLink>? stored) =>
        _pending.TryGetByExternalId(externalId, out var pending) ? pending : stored?.GetValueOrDefault(externalId);

    private static bool ChangedRemotely(SyncItem<TItem> item, SyncItemLink link) =>
        item.IsDeleted || item.RemoteVersion is null || item.RemoteVersion != link.RemoteVersion;

    private void MarkSeen(SyncItemLink link, SyncCheckpoint pass)
    {
        if (!DryRun && pass.IsFullPass && link.LastSeenPass < pass.Pass)
        {
            _pending.Set(link with { LastSeenPass = pass.Pass });
        }
    }

    private SyncCheckpoint NewPass(bool full, SyncDateRange? range) => new()
    {
        Pass = _state.PassNumber + 1,
        IsFullPass = full,
        StartCursor = full ? null : _state.Cursor,
        DateRange = range,
        Phase = SyncPassPhase.Fetching,
        StartedAt = _run.Time.GetUtcNow(),
    };

    private SyncRedelivery RedeliveryFor(SyncCheckpoint pass, bool resumed) =>
        DryRun || _state.RecoveryPass is not { } recoveryPass ? SyncRedelivery.None
        : resumed && recoveryPass == pass.Pass ? SyncRedelivery.FirstPage
        : SyncRedelivery.WholePass;

    /// <summary>A dry run cannot mark links as seen, so a dry full pass remembers the ids it saw (memory grows with the items).</summary>
    private HashSet<string>? SeenSetFor(SyncCheckpoint pass) => DryRun && pass.IsFullPass ? new(StringComparer.Ordinal) : null;

    private Task SaveCheckpointAsync(SyncCheckpoint pass, bool clearRecovery) => DryRun
        ? Task.CompletedTask
        : CommitAsync(_state with
        {
            Checkpoint = pass,
            PassNumber = Math.Max(_state.PassNumber, pass.Pass),
            RecoveryPass = clearRecovery ? null : _state.RecoveryPass,
        });

    private Task CompletePassAsync(SyncCheckpoint pass, string? cursor)
    {
        if (DryRun)
        {
            return Task.CompletedTask;
        }

        _recorder.CursorAfter = cursor;
        return CommitAsync(_state with
        {
            Cursor = cursor,
            CursorDateRange = pass.DateRange,
            CursorUpdatedAt = _run.Time.GetUtcNow(),
            Checkpoint = null,
            PassNumber = Math.Max(_state.PassNumber, pass.Pass),
            RecoveryPass = null,
        });
    }
}
