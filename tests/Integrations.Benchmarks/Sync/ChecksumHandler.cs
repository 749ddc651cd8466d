using Integrations.Testing;

namespace Integrations.Benchmarks.Sync;

/// <summary>An in-memory handler that keeps no items (so it does not grow): it folds each item into a checksum and returns its id.</summary>
internal sealed class ChecksumHandler : ISyncHandler<SandboxItemData>
{
    public static long Checksum { get; private set; }

    public ValueTask<SyncLocalResult> UpsertAsync(SyncContext context, SyncRemoteChange<SandboxItemData> change, CancellationToken cancellationToken)
    {
        Checksum += change.Item.Data!.Title.Length + (change.Item.Data.Notes?.Length ?? 0);
        return ValueTask.FromResult(new SyncLocalResult(change.ExternalId, change.RemoteVersion));
    }

    public ValueTask DeleteAsync(SyncContext context, SyncRemoteChange<SandboxItemData> change, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
