namespace Integrations;

/// <summary>Stores authorizations between <c>BeginConnectAsync</c> and <c>CompleteConnectAsync</c>.</summary>
public interface IPendingAuthorizationStore
{
    /// <summary>Adds a pending authorization.</summary>
    /// <param name="authorization">The authorization.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="IntegrationException">
    /// <see cref="IntegrationErrorCode.InvalidState"/> when an authorization with the same state hash
    /// exists; the stored one is kept.
    /// </exception>
    Task AddAsync(PendingAuthorization authorization, CancellationToken cancellationToken = default);

    /// <summary>Reads a pending authorization without consuming it.</summary>
    /// <param name="stateHash">The state hash.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The authorization, or <see langword="null"/>.</returns>
    Task<PendingAuthorization?> GetAsync(string stateHash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a pending authorization atomically: of several concurrent callers exactly one gets
    /// <see langword="true"/>.
    /// </summary>
    /// <param name="stateHash">The state hash.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> for the caller that removed it.</returns>
    Task<bool> TryConsumeAsync(string stateHash, CancellationToken cancellationToken = default);

    /// <summary>Deletes authorizations that expired before <paramref name="before"/>.</summary>
    /// <param name="before">The cut-off.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many were deleted.</returns>
    Task<int> DeleteExpiredAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
