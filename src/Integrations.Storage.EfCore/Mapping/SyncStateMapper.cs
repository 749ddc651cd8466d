using System.Text.Json;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>Converts between the public <see cref="SyncState"/> record and its row.</summary>
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
        Checkpoint = WriteCheckpoint(state.Checkpoint),
        LocalCheckpoint = state.LocalCheckpoint,
        RecoveryPass = state.RecoveryPass,
        PendingCreates = WritePendingCreates(state.PendingCreates),
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
        Checkpoint = ReadCheckpoint(e.Checkpoint),
        LocalCheckpoint = e.LocalCheckpoint,
        RecoveryPass = e.RecoveryPass,
        PendingCreates = ReadPendingCreates(e.PendingCreates),
        Version = e.Version,
    };

    private static string? WriteCheckpoint(SyncCheckpoint? c) => c is null
        ? null
        : JsonSerializer.Serialize(
            new SyncCheckpointDocument
            {
                Pass = c.Pass,
                IsFullPass = c.IsFullPass,
                StartCursor = c.StartCursor,
                DateRange = StorageJson.ToDocument(c.DateRange),
                Phase = c.Phase,
                PageToken = c.PageToken,
                PagesCompleted = c.PagesCompleted,
                PendingCursor = c.PendingCursor,
                ReconcileAfter = c.ReconcileAfter,
                StartedAt = c.StartedAt,
            },
            StorageJsonContext.Default.SyncCheckpointDocument);

    private static SyncCheckpoint? ReadCheckpoint(string? json)
    {
        if (json is null || JsonSerializer.Deserialize(json, StorageJsonContext.Default.SyncCheckpointDocument) is not { } d)
        {
            return null;
        }

        return new SyncCheckpoint
        {
            Pass = d.Pass,
            IsFullPass = d.IsFullPass,
            StartCursor = d.StartCursor,
            DateRange = StorageJson.ToDateRange(d.DateRange),
            Phase = d.Phase,
            PageToken = d.PageToken,
            PagesCompleted = d.PagesCompleted,
            PendingCursor = d.PendingCursor,
            ReconcileAfter = d.ReconcileAfter,
            StartedAt = d.StartedAt,
        };
    }

    private static string WritePendingCreates(IReadOnlyList<SyncPendingCreate> creates) => creates.Count == 0
        ? NoPendingCreates
        : JsonSerializer.Serialize(
            creates.Select(c => new SyncPendingCreateDocument(c.LocalId, c.LocalVersion, c.IdempotencyKey)).ToList(),
            StorageJsonContext.Default.ListSyncPendingCreateDocument);

    private static IReadOnlyList<SyncPendingCreate> ReadPendingCreates(string json) => json is NoPendingCreates or ""
        ? []
        : (JsonSerializer.Deserialize(json, StorageJsonContext.Default.ListSyncPendingCreateDocument) ?? [])
            .Select(c => new SyncPendingCreate(c.LocalId, c.LocalVersion, c.IdempotencyKey))
            .ToList();
}
