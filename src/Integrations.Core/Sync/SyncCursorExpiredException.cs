namespace Integrations;

/// <summary>
/// Thrown by a source when the provider no longer accepts the cursor or page token (Google
/// <c>410 fullSyncRequired</c>, Google People <c>EXPIRED_SYNC_TOKEN</c>, Graph
/// <c>syncStateNotFound</c>/<c>resyncRequired</c>/<c>410 Gone</c>). The engine then starts a full
/// resync in the same run and reconciles: local items that no longer exist remotely are deleted.
/// </summary>
public sealed class SyncCursorExpiredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SyncCursorExpiredException()
        : this("The provider no longer accepts the sync cursor; a full sync is required.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">A message without secrets.</param>
    public SyncCursorExpiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">A message without secrets.</param>
    /// <param name="innerException">The cause.</param>
    public SyncCursorExpiredException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
