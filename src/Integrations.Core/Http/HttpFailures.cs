using System.Net;
using Polly;
using Polly.Timeout;

namespace Integrations.Internal;

/// <summary>Which outcomes of a provider API call are worth another try, and how long the provider asked to wait.</summary>
internal static class HttpFailures
{
    /// <summary>
    /// 408, 429 and 5xx, except 501 (Not Implemented) and 505 (HTTP Version Not Supported), which
    /// will not change by trying again.
    /// </summary>
    public static bool IsTransient(HttpStatusCode statusCode) =>
        statusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
        || ((int)statusCode >= 500 && statusCode is not HttpStatusCode.NotImplemented and not HttpStatusCode.HttpVersionNotSupported);

    /// <summary>A transient status, a network failure, or an attempt that ran out of time.</summary>
    public static bool IsTransient(in Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? exception is HttpRequestException or TimeoutRejectedException
            : outcome.Result is { } response && IsTransient(response.StatusCode);

    /// <summary>GET, HEAD, OPTIONS, PUT, DELETE and TRACE: sending them twice has the effect of sending them once.</summary>
    public static bool IsIdempotent(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
        || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Trace;
}
