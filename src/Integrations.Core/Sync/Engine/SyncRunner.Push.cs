namespace Integrations.Internal;

/// <summary>The push side: local changes since the local checkpoint, written through the target.</summary>
internal sealed partial class SyncRunner<TItem>
{
    private async Task PushAsync(CancellationToken cancellationToken)
    {
        _recorder.Phase = SyncPhase.Pushing;
        var checkpoint = _state.LocalCheckpoint;
        var passNumber = _state.Checkpoint?.Pass ?? _state.PassNumber;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await ReadLocalChangesAsync(checkpoint, cancellationToken).ConfigureAwait(false);
            if (page.HasMore && page.Checkpoint == checkpoint)
            {
                throw new SyncAbortException(IntegrationErrorCode.SyncFailed, "The local change feed reported more changes without moving its checkpoint.");
            }

            if (page.Changes.Count > 0)
            {
                var localIds = page.Changes.Select(c => c.LocalId).ToArray();
                var links = await _run.States.GetLinksByLocalIdAsync(_run.IntegrationId, _run.Resource, localIds, cancellationToken).ConfigureAwait(false);
                await SavePendingCreatesAsync(page.Changes, links).ConfigureAwait(false);
                foreach (var change in page.Changes)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await PushChangeAsync(change, FindLinkByLocalId(change.LocalId, links), passNumber, cancellationToken).ConfigureAwait(false);
                }
            }

            checkpoint = page.Checkpoint;
            if (!DryRun && (checkpoint != _state.LocalCheckpoint || _pending.Count > 0 || _state.PendingCreates.Count > 0))
            {
                await CommitAsync(_state with { LocalCheckpoint = checkpoint, PendingCreates = [] }).ConfigureAwait(false);
            }

            await PageDoneAsync(SyncPhase.Pushing).ConfigureAwait(false);
            if (!page.HasMore)
            {
                return;
            }
        }
    }

    /// <summary>Saves the creates of a batch before sending them (write-ahead; see <see cref="SyncPendingCreate"/>).</summary>
    private Task SavePendingCreatesAsync(IReadOnlyList<LocalChange<TItem>> changes, IReadOnlyDictionary<string, SyncItemLink> links)
    {
        if (DryRun)
        {
            return Task.CompletedTask;
        }

        List<SyncPendingCreate>? creates = null;
        foreach (var change in changes)
        {
            if (!change.IsDeleted && change.Data is not null && FindLinkByLocalId(change.LocalId, links) is null)
            {
                (creates ??= []).Add(new SyncPendingCreate(change.LocalId, change.LocalVersion, Key("create", change.LocalId, change.LocalVersion, null)));
            }
        }

        return creates is null ? Task.CompletedTask : CommitAsync(_state with { PendingCreates = creates });
    }

    /// <summary>
    /// A stopped run may have created items remotely without recording their links: repeats those
    /// creates with their idempotency keys (the provider returns the items it created, or creates
    /// them now if it never got them) and links them. When the local item changed since, the link's
    /// local version stays unknown, so the push sends the local item as it is now.
    /// </summary>
    private async Task RecoverPendingCreatesAsync(CancellationToken cancellationToken)
    {
        var pendingCreates = _state.PendingCreates;
        var localIds = pendingCreates.Select(p => p.LocalId).ToList();
        var links = await _run.States.GetLinksByLocalIdAsync(_run.IntegrationId, _run.Resource, localIds, cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<string, LocalChange<TItem>> current;
        var scope = CreateScope();
        await using (scope.ConfigureAwait(false))
        {
            current = await ReadLocalAsync(scope.ServiceProvider, localIds, cancellationToken).ConfigureAwait(false);
        }

        var passNumber = _state.Checkpoint?.Pass ?? _state.PassNumber;
        foreach (var create in pendingCreates)
        {
            if (links.ContainsKey(create.LocalId) || !current.TryGetValue(create.LocalId, out var local) || local.IsDeleted || local.Data is null)
            {
                continue;
            }

            try
            {
                var result = await _target!.CreateAsync(Context, new SyncRemoteCreate<TItem>(create.LocalId, local.Data, create.IdempotencyKey), cancellationToken).ConfigureAwait(false);
                var unchanged = local.LocalVersion == create.LocalVersion;
                _pending.Set(new SyncItemLink(result.ExternalId, create.LocalId, result.RemoteVersion, unchanged ? local.LocalVersion : null, passNumber));
                _recorder.Remote.Processed++;
                _recorder.Remote.Created++;
            }
            catch (Exception ex) when (SyncFailures.IsProviderFailure(ex) && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                throw SyncFailures.Abort(ex);
            }
            catch (Exception ex) when (IsItemFailure(ex, cancellationToken))
            {
                ItemFailed(SyncSide.Remote, create.LocalId, ex);
            }
        }

        await CommitAsync(_state with { PendingCreates = [] }).ConfigureAwait(false);
    }

    private SyncItemLink? FindLinkByLocalId(string localId, IReadOnlyDictionary<string, SyncItemLink> stored) =>
        _pending.TryGetByLocalId(localId, out var pending) ? pending : stored.GetValueOrDefault(localId);

    private async Task<LocalChangePage<TItem>> ReadLocalChangesAsync(string? checkpoint, CancellationToken cancellationToken)
    {
        var scope = CreateScope();
        await using (scope.ConfigureAwait(false))
        {
            try
            {
                return await _registration.GetFeed(scope.ServiceProvider)!.GetChangesAsync(Context, checkpoint, _run.Options.PushBatchSize, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                throw new SyncAbortException(IntegrationErrorCode.SyncFailed, $"Reading local changes failed: {ex.Message}", null, ex);
            }
        }
    }

    private async Task PushChangeAsync(LocalChange<TItem> change, SyncItemLink? link, long passNumber, CancellationToken cancellationToken)
    {
        if (KeptLocally(change))
        {
            // Pushed (or counted, in a dry run) by the pull while the local side won a conflict.
            return;
        }

        var counts = _recorder.Remote;
        counts.Processed++;
        if (link is not null && change.LocalVersion is not null && link.LocalVersion == change.LocalVersion)
        {
            // Pushed already, or the local echo of a remote change the handler applied.
            counts.Skipped++;
            return;
        }

        if (!change.IsDeleted && change.Data is null)
        {
            _recorder.ItemFailed(SyncSide.Remote, change.LocalId, IntegrationErrorCode.InvalidRequest, "The local change feed reported an item without data.");
            return;
        }

        if (DryRun)
        {
            CountWouldPush(change.IsDeleted, link);
            return;
        }

        await PushItemAsync(change.LocalId, change.LocalVersion, change.Data, change.IsDeleted, link, replaced: null, passNumber, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes one local item to the provider and records the new remote version in its link (echo
    /// suppression). A failed precondition is settled by the conflict policy: the local side wins
    /// by writing again without precondition; otherwise the write is deferred to the next pull,
    /// which sees the remote change and settles it.
    /// </summary>
    /// <param name="localId">The local item's id.</param>
    /// <param name="localVersion">The local version written (recorded in the link).</param>
    /// <param name="data">The item, unless deleted.</param>
    /// <param name="deleted">Whether the local item was deleted.</param>
    /// <param name="linked">The item's link (create when <see langword="null"/>); its remote version is the precondition.</param>
    /// <param name="replaced">For a create that replaces an item deleted remotely: the old link (part of the idempotency key).</param>
    /// <param name="passNumber">The pass number new links carry.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    private async Task PushItemAsync(string localId, string? localVersion, TItem? data, bool deleted, SyncItemLink? linked, SyncItemLink? replaced, long passNumber, CancellationToken cancellationToken)
    {
        var counts = _recorder.Remote;
        var target = _target!;
        try
        {
            if (deleted)
            {
                if (linked is null)
                {
                    counts.Skipped++;
                    return;
                }

                var key = Key("delete", localId, localVersion, linked);
                var done = await WriteOrDeferAsync(
                    linked.RemoteVersion,
                    async expected =>
                    {
                        await target.DeleteAsync(Context, new SyncRemoteDelete(linked.ExternalId, localId, expected, key), cancellationToken).ConfigureAwait(false);
                        return linked;
                    }).ConfigureAwait(false);
                if (done is null)
                {
                    counts.Skipped++;
                    return;
                }

                _pending.Delete(linked);
                counts.Deleted++;
            }
            else if (linked is null)
            {
                var result = await target.CreateAsync(Context, new SyncRemoteCreate<TItem>(localId, data!, Key("create", localId, localVersion, replaced)), cancellationToken).ConfigureAwait(false);
                _pending.Set(new SyncItemLink(result.ExternalId, localId, result.RemoteVersion, localVersion, passNumber), replaced);
                counts.Created++;
            }
            else
            {
                var key = Key("update", localId, localVersion, linked);
                var written = await WriteOrDeferAsync(
                    linked.RemoteVersion,
                    async expected =>
                    {
                        var result = await target.UpdateAsync(Context, new SyncRemoteUpdate<TItem>(linked.ExternalId, localId, data!, expected, key), cancellationToken).ConfigureAwait(false);
                        return new SyncItemLink(result.ExternalId, localId, result.RemoteVersion, localVersion, Math.Max(linked.LastSeenPass, passNumber));
                    }).ConfigureAwait(false);
                if (written is null)
                {
                    counts.Skipped++;
                    return;
                }

                _pending.Set(written, linked);
                counts.Updated++;
            }

            _recorder.ItemSucceeded();
        }
        catch (Exception ex) when (SyncFailures.IsProviderFailure(ex) && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw SyncFailures.Abort(ex);
        }
        catch (Exception ex) when (IsItemFailure(ex, cancellationToken))
        {
            ItemFailed(SyncSide.Remote, localId, ex);
        }
    }

    /// <summary>Runs a conditional write; on a failed precondition applies the conflict policy. Returns <see langword="null"/> when deferred.</summary>
    private async Task<SyncItemLink?> WriteOrDeferAsync(string? expectedVersion, Func<string?, Task<SyncItemLink>> write)
    {
        try
        {
            return await write(expectedVersion).ConfigureAwait(false);
        }
        catch (IntegrationException ex) when (ex.Code == IntegrationErrorCode.ConcurrencyConflict)
        {
            if (_options.ConflictPolicy != SyncConflictPolicy.LocalWins || expectedVersion is null)
            {
                return null;
            }

            _recorder.Conflicts++;
            try
            {
                return await write(null).ConfigureAwait(false);
            }
            catch (IntegrationException again) when (again.Code == IntegrationErrorCode.ConcurrencyConflict)
            {
                return null;
            }
        }
    }

    private string Key(string operation, string localId, string? localVersion, SyncItemLink? link) =>
        SyncIdempotencyKeys.For(_run.IntegrationId, _run.Resource, operation, localId, $"{localVersion}\n{link?.ExternalId}\n{link?.RemoteVersion}");
}
