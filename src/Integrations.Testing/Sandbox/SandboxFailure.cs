using System.Net;
using Integrations.Testing.Internal;

namespace Integrations.Testing;

/// <summary>
/// A failure the sandbox answers with instead of (or on top of) its normal response. Queue it with
/// <see cref="SandboxFailures"/>; each queued failure applies to one request.
/// </summary>
public sealed class SandboxFailure
{
    private SandboxFailure(SandboxFailureKind kind, string description)
    {
        Kind = kind;
        Description = description;
    }

    /// <summary>400 with <c>{"error":"invalid_grant"}</c>, as when the user revoked access at the provider. The grant itself stays valid.</summary>
    public static SandboxFailure InvalidGrant { get; } = new(SandboxFailureKind.Response, "400 invalid_grant")
    {
        StatusCode = HttpStatusCode.BadRequest,
        Body = """{"error":"invalid_grant","error_description":"injected failure: grant request is invalid"}""",
    };

    /// <summary>401 with <c>{"error":"invalid_token"}</c> and a <c>WWW-Authenticate: Bearer</c> challenge, as for a token the provider no longer accepts.</summary>
    public static SandboxFailure InvalidToken { get; } = new(SandboxFailureKind.Response, "401 invalid_token")
    {
        StatusCode = HttpStatusCode.Unauthorized,
        Body = """{"error":"invalid_token","error_description":"injected failure: invalid token provided"}""",
        BearerChallenge = true,
    };

    /// <summary>500 with <c>{"error":"server_error"}</c>.</summary>
    public static SandboxFailure ServerError { get; } = new(SandboxFailureKind.Response, "500 server_error")
    {
        StatusCode = HttpStatusCode.InternalServerError,
        Body = """{"error":"server_error","error_description":"injected failure: internal server error"}""",
    };

    /// <summary>200 with an HTML page instead of JSON, as from a captive portal or a misrouted proxy.</summary>
    public static SandboxFailure Html { get; } = new(SandboxFailureKind.Response, "200 text/html")
    {
        StatusCode = HttpStatusCode.OK,
        Body = "<!DOCTYPE html><html><head><title>Sign in</title></head><body><h1>Please sign in to the network</h1></body></html>",
        ContentType = "text/html",
    };

    /// <summary>200 with a JSON content type and a body cut off in the middle.</summary>
    public static SandboxFailure MalformedJson { get; } = new(SandboxFailureKind.Response, "200 truncated JSON")
    {
        StatusCode = HttpStatusCode.OK,
        Body = """{"access_token":"trunc""",
    };

    /// <summary>The connection fails before the server sees the request: <see cref="HttpRequestException"/>, nothing changes at the server.</summary>
    public static SandboxFailure NetworkError { get; } = new(SandboxFailureKind.NetworkError, "network error before the request");

    /// <summary>
    /// The server handles the request completely (a refresh rotates the refresh token, a code is
    /// consumed), then the connection drops: the caller gets <see cref="HttpRequestException"/> and
    /// never sees the response. Sending the same refresh token again then trips replay detection.
    /// </summary>
    public static SandboxFailure ResponseLost { get; } = new(SandboxFailureKind.ResponseLost, "response lost after the request was handled");

    /// <summary>What this failure does, for test output.</summary>
    public string Description { get; }

    internal SandboxFailureKind Kind { get; }

    internal HttpStatusCode StatusCode { get; private init; }

    internal string Body { get; private init; } = "";

    internal string ContentType { get; private init; } = "application/json";

    internal bool BearerChallenge { get; private init; }

    internal TimeSpan? RetryAfterDelta { get; private init; }

    internal DateTimeOffset? RetryAfterDate { get; private init; }

    internal TimeSpan Delay { get; private init; }

    /// <summary>429 with <c>{"error":"rate_limited"}</c>, and a <c>Retry-After</c> header in seconds when <paramref name="retryAfter"/> is given.</summary>
    /// <param name="retryAfter">The delay the server asks for (whole seconds are sent).</param>
    /// <returns>The failure.</returns>
    public static SandboxFailure TooManyRequests(TimeSpan? retryAfter = null) => RateLimited(HttpStatusCode.TooManyRequests, "rate_limited", retryAfter);

    /// <summary>429 with a <c>Retry-After</c> header carrying an HTTP date.</summary>
    /// <param name="retryAt">When the server says to try again.</param>
    /// <returns>The failure.</returns>
    public static SandboxFailure TooManyRequests(DateTimeOffset retryAt) =>
        new(SandboxFailureKind.Response, $"429 rate_limited, Retry-After {retryAt:R}")
        {
            StatusCode = HttpStatusCode.TooManyRequests,
            Body = """{"error":"rate_limited","error_description":"injected failure: too many requests"}""",
            RetryAfterDate = retryAt,
        };

    /// <summary>503 with <c>{"error":"temporarily_unavailable"}</c>, and a <c>Retry-After</c> header in seconds when <paramref name="retryAfter"/> is given.</summary>
    /// <param name="retryAfter">The delay the server asks for (whole seconds are sent).</param>
    /// <returns>The failure.</returns>
    public static SandboxFailure ServiceUnavailable(TimeSpan? retryAfter = null) =>
        RateLimited(HttpStatusCode.ServiceUnavailable, "temporarily_unavailable", retryAfter);

    /// <summary>
    /// The response comes after <paramref name="delay"/> measured on the server's
    /// <see cref="TimeProvider"/> (tests advance a fake clock), then the request is handled normally.
    /// The caller's cancellation ends the wait.
    /// </summary>
    /// <param name="delay">How long the server takes.</param>
    /// <returns>The failure.</returns>
    public static SandboxFailure Slow(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(SandboxFailureKind.Slow, $"slow response ({delay})") { Delay = delay };
    }

    /// <summary>Any response: a status, a body and its content type.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="body">The body, sent as is.</param>
    /// <param name="contentType">The media type of the body. Default <c>application/json</c>.</param>
    /// <returns>The failure.</returns>
    public static SandboxFailure Response(HttpStatusCode statusCode, string body, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        return new(SandboxFailureKind.Response, $"{(int)statusCode} {contentType}")
        {
            StatusCode = statusCode,
            Body = body,
            ContentType = contentType,
        };
    }

    /// <inheritdoc />
    public override string ToString() => Description;

    private static SandboxFailure RateLimited(HttpStatusCode status, string error, TimeSpan? retryAfter)
    {
        if (retryAfter is { } delta)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero, nameof(retryAfter));
        }

        return new(SandboxFailureKind.Response, $"{(int)status} {error}" + (retryAfter is { } d ? $", Retry-After {d.TotalSeconds:0}s" : ""))
        {
            StatusCode = status,
            Body = $$"""{"error":"{{error}}","error_description":"injected failure: try again later"}""",
            RetryAfterDelta = retryAfter,
        };
    }
}
