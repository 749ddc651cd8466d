using Microsoft.Extensions.Logging;

namespace Integrations.Internal;

/// <summary>The token vault's log messages. Token values are never logged.</summary>
internal static partial class TokenLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Loaded the tokens of integration {IntegrationId} ({Provider}) from the store")]
    public static partial void Loaded(ILogger logger, Guid integrationId, string provider);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Refreshed the tokens of integration {IntegrationId} ({Provider}); the access token expires at {ExpiresAt}")]
    public static partial void Refreshed(ILogger logger, Guid integrationId, string provider, DateTimeOffset? expiresAt);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Another process holds the refresh lease of integration {IntegrationId}; waiting for its tokens")]
    public static partial void WaitingForLease(ILogger logger, Guid integrationId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Using the tokens of integration {IntegrationId} refreshed by another caller or process")]
    public static partial void Adopted(ILogger logger, Guid integrationId);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Refreshing the tokens of integration {IntegrationId} ({Provider}) failed with {ErrorCode}; consecutive errors: {ConsecutiveErrors}")]
    public static partial void RefreshFailed(ILogger logger, Exception exception, Guid integrationId, string provider, IntegrationErrorCode errorCode, int consecutiveErrors);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Integration {IntegrationId} ({Provider}) requires reauthorization: {Reason}")]
    public static partial void ReauthorizationRequired(ILogger logger, Guid integrationId, string provider, string reason);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "The stored tokens of integration {IntegrationId} ({Provider}) cannot be read; the integration is left unchanged")]
    public static partial void Unreadable(ILogger logger, Exception exception, Guid integrationId, string provider);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "Integration {IntegrationId} ({Provider}) is set to Error after {ConsecutiveErrors} consecutive errors")]
    public static partial void StatusSetToError(ILogger logger, Guid integrationId, string provider, int consecutiveErrors);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Handing out the current access token of integration {IntegrationId}, valid until {ExpiresAt}, after a failed refresh; next attempt after {RetryAt}")]
    public static partial void ServingAfterFailure(ILogger logger, Guid integrationId, DateTimeOffset expiresAt, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "The token refresh of integration {IntegrationId} timed out after {Timeout}")]
    public static partial void TimedOut(ILogger logger, Guid integrationId, TimeSpan timeout);
}
