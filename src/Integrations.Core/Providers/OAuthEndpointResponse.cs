using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Integrations;

/// <summary>
/// A response from one of a provider's OAuth endpoints, already read within the size limit. Handed
/// to <see cref="OAuth2Provider"/>'s hooks so a derived provider can read a quirky body without
/// touching HTTP. Never contains more of the body than its parsed JSON.
/// </summary>
public sealed partial class OAuthEndpointResponse
{
    internal OAuthEndpointResponse(string provider, OAuthRequestKind kind, HttpStatusCode statusCode, HttpResponseHeaders headers, JsonElement? json, bool hasBody, TimeSpan? retryAfter)
    {
        Provider = provider;
        Kind = kind;
        StatusCode = statusCode;
        Headers = headers;
        Json = json;
        HasBody = hasBody;
        RetryAfter = retryAfter;
        (Error, ErrorDescription) = ReadError(json, headers);
    }

    /// <summary>The provider name.</summary>
    public string Provider { get; }

    /// <summary>Which endpoint answered.</summary>
    public OAuthRequestKind Kind { get; }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Whether the status code is 2xx.</summary>
    public bool IsSuccessStatusCode => (int)StatusCode is >= 200 and <= 299;

    /// <summary>The response headers (for example rate-limit headers).</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>The body parsed as JSON, or <see langword="null"/> when it was empty or not JSON (for example an HTML error page).</summary>
    public JsonElement? Json { get; }

    /// <summary>Whether the response had a body at all.</summary>
    public bool HasBody { get; }

    /// <summary>How long the provider asked to wait (<c>Retry-After</c>, as a delay or a date), when it said so.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// The OAuth error code: the body's <c>error</c> member (RFC 6749 §5.2) or the <c>error</c>
    /// parameter of a <c>WWW-Authenticate: Bearer</c> header (RFC 6750 §3).
    /// </summary>
    public string? Error { get; }

    /// <summary>The provider's description of <see cref="Error"/>, when it sent one.</summary>
    public string? ErrorDescription { get; }

    private static (string? Error, string? Description) ReadError(JsonElement? json, HttpResponseHeaders headers)
    {
        if (json is { ValueKind: JsonValueKind.Object } body
            && body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
            && error.GetString() is { Length: > 0 } code)
        {
            var description = body.TryGetProperty("error_description", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
            return (code, description);
        }

        foreach (var challenge in headers.WwwAuthenticate)
        {
            if (challenge.Parameter is { } parameter && ErrorParameter().Match(parameter) is { Success: true } match)
            {
                var description = ErrorDescriptionParameter().Match(parameter);
                return (match.Groups[1].Value, description.Success ? description.Groups[1].Value : null);
            }
        }

        return (null, null);
    }

    [GeneratedRegex(@"(?:^|,)\s*error\s*=\s*""([^""]+)""")]
    private static partial Regex ErrorParameter();

    [GeneratedRegex(@"(?:^|,)\s*error_description\s*=\s*""([^""]*)""")]
    private static partial Regex ErrorDescriptionParameter();
}
