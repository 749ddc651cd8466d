namespace Integrations.Storage.EfCore.Internal;

/// <summary>Converts between the public <see cref="SyncRun"/> record and its rows.</summary>
internal static class SyncRunMapper
{
    public static SyncRunEntity ToEntity(SyncRun run) => new()
    {
        Id = run.Id,
        IntegrationId = run.IntegrationId,
        TenantId = IntegrationMapper.StoredTenant(run.TenantId),
        UserId = run.UserId,
        Provider = run.Provider,
        Resource = run.Resource,
        Type = (int)run.Type,
        TriggeredBy = run.TriggeredBy,
        Direction = (int)run.Direction,
        IsDryRun = run.IsDryRun,
        IsFullResync = run.IsFullResync,
        DateRange = StorageJson.WriteDateRange(run.DateRange),
        Status = (int)run.Status,
        LocalProcessed = run.Local.Processed,
        LocalCreated = run.Local.Created,
        LocalUpdated = run.Local.Updated,
        LocalDeleted = run.Local.Deleted,
        LocalSkipped = run.Local.Skipped,
        LocalFailed = run.Local.Failed,
        RemoteProcessed = run.Remote.Processed,
        RemoteCreated = run.Remote.Created,
        RemoteUpdated = run.Remote.Updated,
        RemoteDeleted = run.Remote.Deleted,
        RemoteSkipped = run.Remote.Skipped,
        RemoteFailed = run.Remote.Failed,
        Conflicts = run.Conflicts,
        Pages = run.Pages,
        ErrorCode = run.ErrorCode is { } code ? ErrorCodeNames.Write(code) : null,
        ErrorMessage = run.ErrorMessage,
        ResumeAt = Timestamps.ToStorage(run.ResumeAt),
        CursorBefore = run.CursorBefore,
        CursorAfter = run.CursorAfter,
        StartedAt = Timestamps.ToStorage(run.StartedAt),
        CompletedAt = Timestamps.ToStorage(run.CompletedAt),
        Errors = run.Errors.Select((error, i) => new SyncItemErrorEntity
        {
            RunId = run.Id,
            Ordinal = i,
            Side = (int)error.Side,
            ItemId = error.ItemId,
            Code = ErrorCodeNames.Write(error.Code),
            Message = error.Message,
        }).ToList(),
    };

    public static SyncRun ToModel(SyncRunEntity e) => new()
    {
        Id = e.Id,
        IntegrationId = e.IntegrationId,
        TenantId = IntegrationMapper.ModelTenant(e.TenantId),
        UserId = e.UserId,
        Provider = e.Provider,
        Resource = e.Resource,
        Type = (SyncRunType)e.Type,
        TriggeredBy = e.TriggeredBy,
        Direction = (SyncDirection)e.Direction,
        IsDryRun = e.IsDryRun,
        IsFullResync = e.IsFullResync,
        DateRange = StorageJson.ReadDateRange(e.DateRange),
        Status = (SyncRunStatus)e.Status,
        Local = new SyncCounts(e.LocalProcessed, e.LocalCreated, e.LocalUpdated, e.LocalDeleted, e.LocalSkipped, e.LocalFailed),
        Remote = new SyncCounts(e.RemoteProcessed, e.RemoteCreated, e.RemoteUpdated, e.RemoteDeleted, e.RemoteSkipped, e.RemoteFailed),
        Conflicts = e.Conflicts,
        Pages = e.Pages,
        Errors = e.Errors.Count == 0
            ? []
            : e.Errors.OrderBy(x => x.Ordinal).Select(x => new SyncItemError((SyncSide)x.Side, x.ItemId, ErrorCodeNames.Read(x.Code), x.Message)).ToList(),
        ErrorCode = e.ErrorCode is null ? null : ErrorCodeNames.Read(e.ErrorCode),
        ErrorMessage = e.ErrorMessage,
        ResumeAt = e.ResumeAt,
        CursorBefore = e.CursorBefore,
        CursorAfter = e.CursorAfter,
        StartedAt = e.StartedAt,
        CompletedAt = e.CompletedAt,
    };
}
