namespace Integrations.Providers.Strava.Internal;

/// <summary>What the rate-limit handlers need to know about a request.</summary>
internal static class StravaRequests
{
    /// <summary>Set by the gate when it reserved budget for the request's next attempt; the meter consumes it.</summary>
    public static readonly HttpRequestOptionsKey<bool> Reserved = new("Integrations.Strava.BudgetReserved");

    /// <summary>
    /// Strava's "non-upload" limit covers every endpoint except <c>POST /activities</c>,
    /// <c>POST /uploads</c> and the media upload; those count against the overall limit only.
    /// </summary>
    public static StravaRequestKind KindOf(HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Post || request.RequestUri is not { } uri)
        {
            return StravaRequestKind.Read;
        }

        var path = uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
        path = path.TrimEnd('/');
        return path.EndsWith("/activities", StringComparison.OrdinalIgnoreCase) || path.Equals("activities", StringComparison.OrdinalIgnoreCase)
            || path.EndsWith("/uploads", StringComparison.OrdinalIgnoreCase) || path.Equals("uploads", StringComparison.OrdinalIgnoreCase)
            ? StravaRequestKind.Upload
            : StravaRequestKind.Read;
    }

    /// <summary>
    /// Whether the gate may send a request again after a 429. Strava refuses a throttled request
    /// before acting on it, so any method may be resent, unless the request opted out with
    /// <c>SetRetryable(false)</c> or its body cannot be sent twice.
    /// </summary>
    public static bool MayResend(HttpRequestMessage request) =>
        (!request.Options.TryGetValue(IntegrationRequestOptions.Retryable, out var retryable) || retryable)
        && request.Content is null or ByteArrayContent or System.Net.Http.Json.JsonContent;

    /// <summary>The integration a request is sent for, when it names one.</summary>
    public static Guid? IntegrationId(HttpRequestMessage request) =>
        request.TryGetIntegration(out var integration) ? integration.Id : null;
}
