using System.Text.Json;

namespace Integrations.Internal;

/// <summary>Decides which failures stop a run and which fail one item only.</summary>
internal static class SyncFailures
{
    /// <summary>Codes that say the provider (or the connection to it) is unusable for now: the run stops.</summary>
    public static bool StopsRun(IntegrationErrorCode code) => code is IntegrationErrorCode.RateLimitExceeded
        or IntegrationErrorCode.ApiQuotaExceeded
        or IntegrationErrorCode.ProviderUnavailable
        or IntegrationErrorCode.ConnectionError
        or IntegrationErrorCode.ReauthorizationRequired
        or IntegrationErrorCode.InvalidCredentials
        or IntegrationErrorCode.IntegrationInactive
        or IntegrationErrorCode.IntegrationNotFound;

    /// <summary>Codes after which the other resources of the same request are not started either.</summary>
    public static bool StopsRequest(IntegrationErrorCode code) => code is IntegrationErrorCode.RateLimitExceeded
        or IntegrationErrorCode.ApiQuotaExceeded
        or IntegrationErrorCode.ReauthorizationRequired
        or IntegrationErrorCode.InvalidCredentials
        or IntegrationErrorCode.IntegrationInactive
        or IntegrationErrorCode.IntegrationNotFound;

    /// <summary>Maps a failure of a source (or of the provider during a write) to the abort that ends the run.</summary>
    public static SyncAbortException Abort(Exception exception) => exception switch
    {
        SyncAbortException abort => abort,
        IntegrationException integration => new(integration.Code, integration.Message, integration.RetryAfter, integration),
        HttpRequestException http => new(IntegrationErrorCode.ConnectionError, $"The provider could not be reached: {http.Message}", null, http),
        TaskCanceledException timeout => new(IntegrationErrorCode.ConnectionError, "The provider did not answer in time.", null, timeout),
        JsonException json => new(IntegrationErrorCode.InvalidResponse, $"The provider's response could not be read: {json.Message}", null, json),
        _ => new(IntegrationErrorCode.SyncFailed, exception.Message, null, exception),
    };

    /// <summary>Whether a failure of a provider write stops the run (rather than failing the item).</summary>
    public static bool IsProviderFailure(Exception exception) => exception switch
    {
        IntegrationException integration => StopsRun(integration.Code),
        HttpRequestException or TaskCanceledException => true,
        _ => false,
    };

    /// <summary>The code recorded for a failed item.</summary>
    public static IntegrationErrorCode ItemCode(Exception exception) =>
        exception is IntegrationException integration ? integration.Code : IntegrationErrorCode.Unknown;
}
