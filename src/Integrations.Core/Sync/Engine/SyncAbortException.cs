namespace Integrations.Internal;

/// <summary>
/// Stops a run as <see cref="SyncRunStatus.Failed"/>: a provider-level failure, a lost race on the
/// state, or too many item failures in a row. Never escapes the engine.
/// </summary>
internal sealed class SyncAbortException(IntegrationErrorCode code, string message, TimeSpan? retryAfter = null, Exception? innerException = null)
    : Exception(message, innerException)
{
    public IntegrationErrorCode Code { get; } = code;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}
