namespace Integrations;

/// <summary>How an integration has been doing: errors, use and sync times.</summary>
public sealed record IntegrationHealth
{
    /// <summary>A healthy integration that has never been used.</summary>
    public static IntegrationHealth Healthy { get; } = new();

    /// <summary>The code of the last error, when the last operation failed.</summary>
    public IntegrationErrorCode? LastErrorCode { get; init; }

    /// <summary>A message describing the last error (never contains token values).</summary>
    public string? LastErrorMessage { get; init; }

    /// <summary>When the last error happened.</summary>
    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>How many operations in a row have failed; reset by a success.</summary>
    public int ConsecutiveErrors { get; init; }

    /// <summary>When an access token of this integration was last handed out.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>When a sync of this integration last completed.</summary>
    public DateTimeOffset? LastSyncAt { get; init; }

    /// <summary>Returns the health after a failure.</summary>
    /// <param name="code">The error code.</param>
    /// <param name="message">A message without secrets.</param>
    /// <param name="at">When it happened.</param>
    public IntegrationHealth WithError(IntegrationErrorCode code, string message, DateTimeOffset at) => this with
    {
        LastErrorCode = code,
        LastErrorMessage = message,
        LastErrorAt = at,
        ConsecutiveErrors = ConsecutiveErrors + 1,
    };

    /// <summary>Returns the health after a success: the consecutive error count goes back to zero.</summary>
    public IntegrationHealth WithSuccess() =>
        ConsecutiveErrors == 0 && LastErrorCode is null ? this : this with { ConsecutiveErrors = 0, LastErrorCode = null, LastErrorMessage = null };
}
