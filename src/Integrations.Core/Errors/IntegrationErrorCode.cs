namespace Integrations;

/// <summary>What went wrong, in terms a host can act on.</summary>
public enum IntegrationErrorCode
{
    /// <summary>Something unexpected happened.</summary>
    Unknown = 0,

    /// <summary>No integration with that id exists for that owner.</summary>
    IntegrationNotFound,

    /// <summary>No provider with that name is registered.</summary>
    ProviderNotSupported,

    /// <summary>The provider returned an OAuth error that fits no more specific code.</summary>
    OAuthError,

    /// <summary>The authorization state is unknown, expired, already used or belongs to another user.</summary>
    InvalidState,

    /// <summary>The user refused consent at the provider (<c>access_denied</c>).</summary>
    AccessDenied,

    /// <summary>The token lacks a permission (scope) the operation needs.</summary>
    PermissionDenied,

    /// <summary>The organization's policy forbids the operation.</summary>
    PolicyDenied,

    /// <summary>The provider throttled the request; see <see cref="IntegrationException.RetryAfter"/>.</summary>
    RateLimitExceeded,

    /// <summary>A quota of the provider (daily or per project) is used up.</summary>
    ApiQuotaExceeded,

    /// <summary>A sync run failed.</summary>
    SyncFailed,

    /// <summary>A sync of the same integration and resource is already running.</summary>
    SyncAlreadyRunning,

    /// <summary>The provider could not be reached (network failure, timeout).</summary>
    ConnectionError,

    /// <summary>The provider answered with a server error (5xx) or is unavailable.</summary>
    ProviderUnavailable,

    /// <summary>The provider rejected the application's client credentials (<c>invalid_client</c>).</summary>
    InvalidCredentials,

    /// <summary>The user must connect again: the grant is gone or the stored tokens cannot be read.</summary>
    ReauthorizationRequired,

    /// <summary>The integration is not active (disabled, revoked, or waiting for reauthorization).</summary>
    IntegrationInactive,

    /// <summary>The provider's response could not be understood (not JSON, missing fields, too large).</summary>
    InvalidResponse,

    /// <summary>The same external account is already connected for this user.</summary>
    DuplicateIntegration,

    /// <summary>Someone else changed the record first (optimistic concurrency).</summary>
    ConcurrencyConflict,

    /// <summary>A webhook could not be verified or handled.</summary>
    WebhookFailed,

    /// <summary>The request is not valid (bad argument, unknown resource).</summary>
    InvalidRequest,
}
