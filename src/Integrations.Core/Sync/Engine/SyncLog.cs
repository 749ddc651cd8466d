using Microsoft.Extensions.Logging;

namespace Integrations.Internal;

/// <summary>The sync engine's log messages (event ids 4000-4099).</summary>
internal static partial class SyncLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Sync run {RunId} of {Resource} for integration {IntegrationId} started ({Direction}, dry run {DryRun})")]
    public static partial void RunStarted(ILogger logger, Guid runId, string resource, Guid integrationId, SyncDirection direction, bool dryRun);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Sync run {RunId} of {Resource} for integration {IntegrationId} ended {Status} in {Duration}")]
    public static partial void RunCompleted(ILogger logger, Guid runId, string resource, Guid integrationId, SyncRunStatus status, TimeSpan? duration);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Sync run {RunId} of {Resource} for integration {IntegrationId} failed with {Code}: {Message}")]
    public static partial void RunFailed(ILogger logger, Exception? exception, Guid runId, string resource, Guid integrationId, IntegrationErrorCode code, string message);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "The cursor of {Resource} for integration {IntegrationId} expired; run {RunId} starts a full resync")]
    public static partial void CursorExpired(ILogger logger, string resource, Guid integrationId, Guid runId);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Sync run {AbandonedRunId} of {Resource} for integration {IntegrationId} was abandoned (its process stopped); run {RunId} takes over")]
    public static partial void RunAbandoned(ILogger logger, Guid abandonedRunId, string resource, Guid integrationId, Guid runId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning, Message = "The sync lease {LeaseKey} was lost; the run stops")]
    public static partial void LeaseLost(ILogger logger, string leaseKey);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Renewing the sync lease {LeaseKey} failed; trying again")]
    public static partial void LeaseRenewalFailed(ILogger logger, Exception exception, string leaseKey);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Debug, Message = "Sync item {ItemId} of {Resource} failed on the {Side} side with {Code}")]
    public static partial void ItemFailed(ILogger logger, Exception exception, string itemId, string resource, SyncSide side, IntegrationErrorCode code);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Error, Message = "Saving sync run {RunId} or its progress failed")]
    public static partial void SaveFailed(ILogger logger, Exception exception, Guid runId);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Updating integration {IntegrationId} after sync run {RunId} failed")]
    public static partial void IntegrationUpdateFailed(ILogger logger, Exception exception, Guid integrationId, Guid runId);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "Starting the initial sync of integration {IntegrationId} failed")]
    public static partial void InitialSyncFailed(ILogger logger, Exception exception, Guid integrationId);
}
