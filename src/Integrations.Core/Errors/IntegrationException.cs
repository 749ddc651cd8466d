namespace Integrations;

/// <summary>
/// The one exception type the SDK throws for outcomes a host must handle. Messages never contain
/// token values.
/// </summary>
public sealed class IntegrationException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="code">What went wrong.</param>
    /// <param name="message">A message without secrets.</param>
    /// <param name="innerException">The cause, when there is one.</param>
    public IntegrationException(IntegrationErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>What went wrong.</summary>
    public IntegrationErrorCode Code { get; }

    /// <summary>The provider involved, when there is one.</summary>
    public string? Provider { get; init; }

    /// <summary>The integration involved, when there is one.</summary>
    public Guid? IntegrationId { get; init; }

    /// <summary>Whether trying again later may succeed (network failures, 5xx, throttling).</summary>
    public bool IsTransient { get; init; }

    /// <summary>How long to wait before trying again, when the provider said so or it can be computed.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The provider's own error code (for example <c>invalid_grant</c>), when it sent one.</summary>
    public string? ProviderError { get; init; }

    /// <summary>The HTTP status code of the provider's response, when the error came from one.</summary>
    public int? StatusCode { get; init; }
}
