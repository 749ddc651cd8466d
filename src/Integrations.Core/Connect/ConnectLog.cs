using Microsoft.Extensions.Logging;

namespace Integrations.Internal;

/// <summary>Log messages of the connect flow and integration management. Never a token, code, state or verifier.</summary>
internal static partial class ConnectLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Connect to {Provider} begun by {Owner}; the authorization expires at {ExpiresAt}")]
    public static partial void Begun(ILogger logger, string provider, IntegrationOwner owner, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Connect callback rejected: {Reason}")]
    public static partial void StateRejected(ILogger logger, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Connect to {Provider} refused at the provider with {ProviderError}")]
    public static partial void ProviderRefused(ILogger logger, string provider, string providerError);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Integration {IntegrationId} with {Provider} connected (new: {IsNew})")]
    public static partial void Connected(ILogger logger, Guid integrationId, string provider, bool isNew);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Write of integration {IntegrationId} lost a race ({Code}); reading it again")]
    public static partial void WriteRetried(ILogger logger, Guid? integrationId, IntegrationErrorCode code);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Integration {IntegrationId} status changed from {From} to {To}")]
    public static partial void StatusChanged(ILogger logger, Guid integrationId, IntegrationStatus from, IntegrationStatus to);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Integration {IntegrationId}: revocation at {Provider} skipped: {Reason}")]
    public static partial void RevocationSkipped(ILogger logger, Guid integrationId, string provider, string reason);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Integration {IntegrationId}: revocation at {Provider} failed; the integration is deleted anyway")]
    public static partial void RevocationFailed(ILogger logger, Exception exception, Guid integrationId, string provider);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Integration {IntegrationId} with {Provider} disconnected (revoked at the provider: {Revoked})")]
    public static partial void Disconnected(ILogger logger, Guid integrationId, string provider, bool revoked);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Debug, Message = "Deleted {Count} expired pending authorizations")]
    public static partial void ExpiredPendingDeleted(ILogger logger, int count);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Deleting expired pending authorizations failed")]
    public static partial void ExpiredPendingCleanupFailed(ILogger logger, Exception exception);
}
