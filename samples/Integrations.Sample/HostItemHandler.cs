using System.Globalization;
using Integrations.Testing;

namespace Integrations.Sample;

/// <summary>
/// The host's part of a two-way sync, registered with
/// <c>AddSyncResource&lt;SandboxItemData, HostItemHandler&gt;("items")</c>: apply remote changes to the
/// host's table (<see cref="ISyncHandler{TItem}"/>) and report the user's changes to it
/// (<see cref="ILocalChangeFeed{TItem}"/>). Resolved from a new scope for every page, so a real host
/// injects its scoped DbContext here.
/// </summary>
internal sealed class HostItemHandler(HostItemTable table) : ISyncHandler<SandboxItemData>, ILocalChangeFeed<SandboxItemData>
{
    public ValueTask<SyncLocalResult> UpsertAsync(SyncContext context, SyncRemoteChange<SandboxItemData> change, CancellationToken cancellationToken)
    {
        // By external id too: after a crash the engine may deliver a create again without a local id.
        var row = (change.LocalId is { } localId ? table.Find(localId) : null) ?? table.FindByExternalId(change.ExternalId);
        if (row is not null && row.ExternalId == change.ExternalId && change.RemoteVersion is not null && row.RemoteVersion == change.RemoteVersion)
        {
            // This remote version was applied already (a redelivery): write nothing. Report the row
            // version only if the user has not changed the row since; null makes the engine push it.
            return ValueTask.FromResult(new SyncLocalResult(row.LocalId, row.RowVersion == row.SyncedRowVersion ? Version(row) : null));
        }

        var saved = table.Save(
            (row ?? new HostItem(table.NewId())) with { ExternalId = change.ExternalId, RemoteVersion = change.RemoteVersion, Data = change.Item.Data, IsDeleted = false },
            bySync: true);
        return ValueTask.FromResult(new SyncLocalResult(saved.LocalId, Version(saved)));
    }

    public ValueTask DeleteAsync(SyncContext context, SyncRemoteChange<SandboxItemData> change, CancellationToken cancellationToken)
    {
        // Already gone counts as deleted, so a redelivered deletion is harmless.
        if (table.Find(change.LocalId!) is { IsDeleted: false } row)
        {
            table.Save(row with { Data = null, IsDeleted = true, RemoteVersion = change.RemoteVersion }, bySync: true);
        }

        return ValueTask.CompletedTask;
    }

    public Task<LocalChangePage<SandboxItemData>> GetChangesAsync(SyncContext context, string? checkpoint, int maxCount, CancellationToken cancellationToken)
    {
        // The checkpoint is the last row version reported; one more row than asked tells whether more follow.
        var after = checkpoint is null ? 0 : long.Parse(checkpoint, CultureInfo.InvariantCulture);
        var rows = table.ChangedAfter(after, maxCount + 1);
        var page = rows.Take(maxCount).Select(ToChange).ToList();
        return Task.FromResult(new LocalChangePage<SandboxItemData>(page, page.Count > 0 ? page[^1].LocalVersion : checkpoint, rows.Count > maxCount));
    }

    public Task<IReadOnlyDictionary<string, LocalChange<SandboxItemData>>> GetCurrentAsync(SyncContext context, IReadOnlyCollection<string> localIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, LocalChange<SandboxItemData>>(StringComparer.Ordinal);
        foreach (var localId in localIds)
        {
            if (table.Find(localId) is { } row)
            {
                found[localId] = ToChange(row);
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, LocalChange<SandboxItemData>>>(found);
    }

    private static LocalChange<SandboxItemData> ToChange(HostItem row) => new(row.LocalId, Version(row), row.IsDeleted, row.Data, row.ModifiedAt);

    private static string Version(HostItem row) => row.RowVersion.ToString(CultureInfo.InvariantCulture);
}
