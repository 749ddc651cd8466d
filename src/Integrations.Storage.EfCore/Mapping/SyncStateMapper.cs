using System.Text.Json;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// Converts between the public <see cref="SyncState"/> record and its row. The checkpoint and the
/// pending creates are stored as the JSON of their public records (camelCase members, enums by
/// name); the stored shape is pinned by a test, so renaming a member of those records needs a data
/// migration.
/// </summary>
internal static class SyncStateMapper
{
    /// <summary>The stored value of an empty <see cref="SyncState.PendingCreates"/>.</summary>
    public const string NoPendingCreates = "[]";

    public static SyncStateEntity ToEntity(SyncState state, long version) => new()
    {
        IntegrationId = state.IntegrationId,
        Resource = state.Resource,
        Cursor = state.Cursor,
        CursorDateRange = StorageJson.WriteDateRange(state.CursorDateRange),
        CursorUpdatedAt = Timestamps.ToStorage(state.CursorUpdatedAt),
        PassNumber = state.PassNumber,
        Checkpoint = state.Checkpoint is null ? null : JsonSerializer.Serialize(state.Checkpoint, StorageJsonContext.Default.SyncCheckpoint),
        LocalCheckpoint = state.LocalCheckpoint,
        RecoveryPass = state.RecoveryPass,
        PendingCreates = state.PendingCreates.Count == 0
            ? NoPendingCreates
            : JsonSerializer.Serialize(state.PendingCreates, StorageJsonContext.Default.IReadOnlyListSyncPendingCreate),
        Version = version,
    };

    public static SyncState ToModel(SyncStateEntity e) => new()
    {
        IntegrationId = e.IntegrationId,
        Resource = e.Resource,
        Cursor = e.Cursor,
        CursorDateRange = StorageJson.ReadDateRange(e.CursorDateRange),
        CursorUpdatedAt = e.CursorUpdatedAt,
        PassNumber = e.PassNumber,
        Checkpoint = e.Checkpoint is null ? null : JsonSerializer.Deserialize(e.Checkpoint, StorageJsonContext.Default.SyncCheckpoint),
        LocalCheckpoint = e.LocalCheckpoint,
        RecoveryPass = e.RecoveryPass,
        PendingCreates = e.PendingCreates is NoPendingCreates or ""
            ? []
            : JsonSerializer.Deserialize(e.PendingCreates, StorageJsonContext.Default.IReadOnlyListSyncPendingCreate) ?? [],
        Version = e.Version,
    };
}
