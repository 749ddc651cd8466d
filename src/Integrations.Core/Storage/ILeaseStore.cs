namespace Integrations;

/// <summary>
/// Leases shared by every process using one store, so that work such as a token refresh or a sync
/// runs once at a time across processes. A crashed holder's lease expires on its own.
/// </summary>
public interface ILeaseStore
{
    /// <summary>Takes the lease on <paramref name="key"/> if nobody holds an unexpired one.</summary>
    /// <param name="key">The resource.</param>
    /// <param name="duration">How long the lease lasts unless renewed.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>The lease, or <see langword="null"/> when another holder has it.</returns>
    Task<Lease?> TryAcquireAsync(string key, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease still held by its holder.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="duration">The new duration from now.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>
    /// The renewed lease, or <see langword="null"/> when it was lost: released, expired (whether or
    /// not another holder has taken it since), or never held by this holder.
    /// </returns>
    Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Releases a lease; does nothing when it is no longer held by this holder.</summary>
    /// <param name="lease">The lease.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    Task ReleaseAsync(Lease lease, CancellationToken cancellationToken = default);
}
