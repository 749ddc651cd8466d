namespace Integrations.Storage.EfCore.Internal;

/// <summary>The row of one <see cref="SyncRun"/>, with the counts of each side as columns; its item errors are rows of <see cref="SyncItemErrorEntity"/>.</summary>
internal sealed class SyncRunEntity
{
    public Guid Id { get; set; }

    public Guid IntegrationId { get; set; }

    /// <summary>The tenant, or the empty string for none (as in <see cref="IntegrationEntity.TenantId"/>).</summary>
    public string TenantId { get; set; } = "";

    public string UserId { get; set; } = "";

    public string Provider { get; set; } = "";

    public string Resource { get; set; } = "";

    public int Type { get; set; }

    public string? TriggeredBy { get; set; }

    public int Direction { get; set; }

    public bool IsDryRun { get; set; }

    public bool IsFullResync { get; set; }

    /// <summary>The window as a JSON <see cref="SyncDateRange"/> (<c>jsonb</c>).</summary>
    public string? DateRange { get; set; }

    public int Status { get; set; }

    public int LocalProcessed { get; set; }

    public int LocalCreated { get; set; }

    public int LocalUpdated { get; set; }

    public int LocalDeleted { get; set; }

    public int LocalSkipped { get; set; }

    public int LocalFailed { get; set; }

    public int RemoteProcessed { get; set; }

    public int RemoteCreated { get; set; }

    public int RemoteUpdated { get; set; }

    public int RemoteDeleted { get; set; }

    public int RemoteSkipped { get; set; }

    public int RemoteFailed { get; set; }

    public int Conflicts { get; set; }

    public int Pages { get; set; }

    /// <summary>The <see cref="IntegrationErrorCode"/> name.</summary>
    public string? ErrorCode { get; set; }

    public string? ErrorMessage { get; set; }

    public DateTimeOffset? ResumeAt { get; set; }

    public string? CursorBefore { get; set; }

    public string? CursorAfter { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public List<SyncItemErrorEntity> Errors { get; set; } = [];
}
