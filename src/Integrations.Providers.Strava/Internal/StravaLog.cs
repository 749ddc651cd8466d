using Microsoft.Extensions.Logging;

namespace Integrations.Providers.Strava.Internal;

/// <summary>Log messages of the Strava provider (event ids 7000-7099). Never a token, secret or verify token.</summary>
internal static partial class StravaLog
{
    public const string Category = "Integrations.Providers.Strava";

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Strava {Provider}: a {Kind} request waits for the rate-limit window until {ResumeAt:u}")]
    public static partial void WaitingForWindow(ILogger logger, string provider, StravaRequestKind kind, DateTimeOffset resumeAt);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Strava {Provider}: the rate limit is used up until {ResumeAt:u}, longer than the allowed wait of {MaxWaitSeconds} s; the request fails")]
    public static partial void RateLimitWaitTooLong(ILogger logger, string provider, DateTimeOffset resumeAt, double maxWaitSeconds);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Strava {Provider}: 429 Too Many Requests for a {Kind} request; nothing of that kind is sent until {ResumeAt:u}")]
    public static partial void RateLimited(ILogger logger, string provider, StravaRequestKind kind, DateTimeOffset resumeAt);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Strava {Provider}: the access token was already invalid at deauthorization; the grant is gone")]
    public static partial void AlreadyDeauthorized(ILogger logger, string provider);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Warning, Message = "Strava {Provider}: webhook handshake refused ({Reason})")]
    public static partial void HandshakeRefused(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Warning, Message = "Strava {Provider}: webhook event rejected ({Reason})")]
    public static partial void EventRejected(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Debug, Message = "Strava {Provider}: webhook event {ObjectType} {AspectType} {ObjectId} of athlete {OwnerId} accepted")]
    public static partial void EventAccepted(ILogger logger, string provider, string objectType, string aspectType, long objectId, long ownerId);

    [LoggerMessage(EventId = 7013, Level = LogLevel.Debug, Message = "Strava {Provider}: no integration is connected to athlete {OwnerId}; the webhook event is ignored")]
    public static partial void NoIntegrationForAthlete(ILogger logger, string provider, long ownerId);

    [LoggerMessage(EventId = 7014, Level = LogLevel.Information, Message = "Strava {Provider}: athlete {OwnerId} deauthorized the application; integration {IntegrationId} is revoked")]
    public static partial void Deauthorized(ILogger logger, string provider, long ownerId, Guid integrationId);

    [LoggerMessage(EventId = 7015, Level = LogLevel.Error, Message = "Strava {Provider}: processing a webhook event of athlete {OwnerId} failed")]
    public static partial void EventFailed(ILogger logger, Exception exception, string provider, long ownerId);

    [LoggerMessage(EventId = 7016, Level = LogLevel.Debug, Message = "Strava {Provider}: webhook sync of integration {IntegrationId} not run ({Reason})")]
    public static partial void WebhookSyncSkipped(ILogger logger, string provider, Guid integrationId, string reason);

    [LoggerMessage(EventId = 7017, Level = LogLevel.Warning, Message = "Strava {Provider}: more than {Limit} activity changes are waiting for integration {IntegrationId}; its next sync reads everything again")]
    public static partial void TooManyChanges(ILogger logger, string provider, Guid integrationId, int limit);

    [LoggerMessage(EventId = 7020, Level = LogLevel.Information, Message = "Strava {Provider}: push subscription {SubscriptionId} created")]
    public static partial void SubscriptionCreated(ILogger logger, string provider, long subscriptionId);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Information, Message = "Strava {Provider}: push subscription {SubscriptionId} deleted")]
    public static partial void SubscriptionDeleted(ILogger logger, string provider, long subscriptionId);
}
