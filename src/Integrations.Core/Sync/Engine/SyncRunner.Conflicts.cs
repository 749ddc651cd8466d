namespace Integrations.Internal;

/// <summary>Conflicts: an item changed remotely whose local copy changed too since the last sync.</summary>
internal sealed partial class SyncRunner<TItem>
{
    /// <summary>
    /// Local items this run already pushed (or, in a dry run, counted) while settling a conflict
    /// in the local side's favour, with the local version handled: the push phase reads the same
    /// local change and must not count or send it a second time.
    /// </summary>
    private Dictionary<string, string?>? _keptLocal;

    /// <summary>
    /// Returns the winner when the item changed on both sides (and counts the conflict), or
    /// <see langword="null"/> when the local copy did not change (or its changes cannot be told:
    /// one-way resource, no local version).
    /// </summary>
    private async ValueTask<SyncConflictWinner?> ResolveConflictAsync(SyncItem<TItem> remote, SyncItemLink link, IReadOnlyDictionary<string, LocalChange<TItem>>? current, CancellationToken cancellationToken)
    {
        if (current is null || link.LocalVersion is null)
        {
            return null;
        }

        var local = CurrentLocal(current, link);
        if ((local is not null && local.LocalVersion == link.LocalVersion) || (local is null && remote.IsDeleted))
        {
            return null;
        }

        _recorder.Conflicts++;
        return _options.ConflictPolicy switch
        {
            SyncConflictPolicy.LocalWins => SyncConflictWinner.Local,
            SyncConflictPolicy.NewestWins => remote.ModifiedAt is { } remoteAt && local?.ModifiedAt is { } localAt && localAt > remoteAt
                ? SyncConflictWinner.Local
                : SyncConflictWinner.Remote,
            SyncConflictPolicy.Callback => await _options.ConflictResolver!(new SyncConflict<TItem>(Context, link.ExternalId, link.LocalId, remote, local), cancellationToken).ConfigureAwait(false),
            _ => SyncConflictWinner.Remote,
        };
    }

    /// <summary>
    /// The local side won a conflict: write the local version to the provider now when this run
    /// pushes; otherwise leave both sides alone (the local version goes out with its next change).
    /// </summary>
    private async Task KeepLocalAsync(SyncItem<TItem> remote, SyncItemLink link, IReadOnlyDictionary<string, LocalChange<TItem>> current, SyncCheckpoint pass, CancellationToken cancellationToken)
    {
        _recorder.Local.Skipped++;
        if (!CanPush)
        {
            MarkSeen(link, pass);
            return;
        }

        var local = CurrentLocal(current, link);
        _recorder.Remote.Processed++;
        (_keptLocal ??= new(StringComparer.Ordinal))[link.LocalId] = local?.LocalVersion;
        if (DryRun)
        {
            CountWouldPush(local is null, remote.IsDeleted ? null : link);
            return;
        }

        // The link now stands for the remote version just read: the write's precondition.
        var seenLink = link with { RemoteVersion = remote.RemoteVersion, LastSeenPass = Math.Max(link.LastSeenPass, pass.Pass) };
        if (remote.IsDeleted)
        {
            // Gone remotely, changed locally: the local item is created again (its new link replaces the old one).
            await PushItemAsync(link.LocalId, local!.LocalVersion, local.Data, deleted: false, linked: null, replaced: link, pass.Pass, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await PushItemAsync(link.LocalId, local?.LocalVersion, local?.Data, deleted: local is null, seenLink, replaced: null, pass.Pass, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the local change was already pushed or counted while settling a conflict in this run.</summary>
    private bool KeptLocally(LocalChange<TItem> change) =>
        _keptLocal is not null
        && _keptLocal.TryGetValue(change.LocalId, out var version)
        && (change.IsDeleted ? version is null : version is not null && version == change.LocalVersion);

    private static LocalChange<TItem>? CurrentLocal(IReadOnlyDictionary<string, LocalChange<TItem>> current, SyncItemLink link) =>
        current.TryGetValue(link.LocalId, out var local) && !local.IsDeleted ? local : null;

    /// <summary>Dry run: counts the provider write a local change would cause (deleting an unlinked item causes none).</summary>
    private void CountWouldPush(bool deleted, SyncItemLink? link)
    {
        if (deleted && link is null)
        {
            _recorder.Remote.Skipped++;
        }
        else
        {
            _recorder.Remote.Wrote(deleted, link is not null);
        }
    }
}
