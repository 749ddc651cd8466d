using Microsoft.Extensions.Logging;

namespace Integrations.Internal;

/// <summary>The log messages of the HTTP handlers. Never carries tokens, headers, query strings or bodies.</summary>
internal static partial class HttpLog
{
    public const string Category = "Integrations.Http";

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning,
        Message = "HTTP client '{ClientName}': {Method} to {Host} failed with {Failure}; retry {Retry} in {DelayMs} ms.")]
    public static partial void Retrying(ILogger logger, string clientName, string method, string? host, string failure, int retry, long delayMs);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information,
        Message = "HTTP client '{ClientName}': {Method} to {Host} asked to retry after {RetryAfterMs} ms, longer than MaxRetryAfter ({MaxRetryAfterMs} ms); returning the response without retrying.")]
    public static partial void RetryAfterTooLong(ILogger logger, string clientName, string method, string? host, long retryAfterMs, long maxRetryAfterMs);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning,
        Message = "HTTP client '{ClientName}': circuit opened after {Failure}; requests are rejected for {BreakDurationMs} ms.")]
    public static partial void CircuitOpened(ILogger logger, string clientName, string failure, double breakDurationMs);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information,
        Message = "HTTP client '{ClientName}': circuit half-open; the next request probes the provider.")]
    public static partial void CircuitHalfOpened(ILogger logger, string clientName);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information,
        Message = "HTTP client '{ClientName}': circuit closed; requests flow again.")]
    public static partial void CircuitClosed(ILogger logger, string clientName);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information,
        Message = "The provider rejected the access token of integration {IntegrationId} with 401; sending the request once more with a refreshed token.")]
    public static partial void TokenRejectedResending(ILogger logger, Guid integrationId);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning,
        Message = "The provider rejected the access token of integration {IntegrationId} with 401 and no newer token is available; returning the 401.")]
    public static partial void TokenRejectedNoNewToken(ILogger logger, Guid integrationId);
}
