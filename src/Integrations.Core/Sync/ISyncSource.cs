namespace Integrations;

/// <summary>
/// Reads one resource of one provider page by page (written by provider packages, registered with
/// <c>AddSyncSource</c> per provider and resource). Stateless between calls: everything it needs to
/// continue is in the cursor and the page token.
/// </summary>
/// <typeparam name="TItem">The resource's payload type.</typeparam>
public interface ISyncSource<TItem>
    where TItem : class
{
    /// <summary>Reads one page of changes.</summary>
    /// <param name="context">The run; <see cref="SyncContext.Key"/> identifies the integration for the provider's HTTP client.</param>
    /// <param name="request">The cursor (<see langword="null"/> = full sync), the page token and the page size.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page.</returns>
    /// <exception cref="SyncCursorExpiredException">The provider wants a full sync.</exception>
    /// <exception cref="IntegrationException">
    /// The provider failed; the run ends <see cref="SyncRunStatus.Failed"/> with the code (and, for
    /// <see cref="IntegrationErrorCode.RateLimitExceeded"/>, <see cref="IntegrationException.RetryAfter"/>
    /// as the time it may resume). <see cref="IntegrationErrorCode.ReauthorizationRequired"/> also marks
    /// the integration.
    /// </exception>
    Task<SyncPage<TItem>> FetchPageAsync(SyncContext context, SyncPageRequest request, CancellationToken cancellationToken);
}
