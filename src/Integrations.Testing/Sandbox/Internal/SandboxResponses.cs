using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Integrations.Testing.Internal;

/// <summary>The shapes of the sandbox's answers: RFC 6749 §5.2 errors, RFC 6750 challenges, HTML error pages.</summary>
internal static class SandboxResponses
{
    public static HttpResponseMessage Json(HttpStatusCode status, JsonNode body) =>
        NoStore(new HttpResponseMessage(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") });

    /// <summary>An OAuth error response (RFC 6749 §5.2): JSON with <c>error</c> and <c>error_description</c>, never cached.</summary>
    public static HttpResponseMessage OAuthError(HttpStatusCode status, string error, string description) =>
        Json(status, new JsonObject { ["error"] = error, ["error_description"] = description });

    /// <summary>401 <c>invalid_client</c> with the <c>WWW-Authenticate: Basic</c> challenge RFC 6749 §5.2 asks for.</summary>
    public static HttpResponseMessage InvalidClient(string realm, string description)
    {
        var response = OAuthError(HttpStatusCode.Unauthorized, "invalid_client", description);
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", $"Basic realm=\"{realm}\"");
        return response;
    }

    /// <summary>A protected-resource error (RFC 6750 §3): the JSON body and the matching <c>WWW-Authenticate: Bearer</c> challenge.</summary>
    public static HttpResponseMessage BearerError(HttpStatusCode status, string realm, string error, string description, string? scope = null)
    {
        var response = OAuthError(status, error, description);
        var challenge = $"Bearer realm=\"{realm}\", error=\"{error}\", error_description=\"{description}\"" + (scope is null ? "" : $", scope=\"{scope}\"");
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
        return response;
    }

    /// <summary>An HTML error page: what the authorization endpoint shows when it cannot trust the redirect URI.</summary>
    public static HttpResponseMessage HtmlError(HttpStatusCode status, string error, string description)
    {
        var html = $"<!DOCTYPE html><html><head><title>Sandbox: {WebUtility.HtmlEncode(error)}</title></head>"
            + $"<body><h1>{WebUtility.HtmlEncode(error)}</h1><p>{WebUtility.HtmlEncode(description)}</p></body></html>";
        return NoStore(new HttpResponseMessage(status) { Content = new StringContent(html, Encoding.UTF8, "text/html") });
    }

    public static HttpResponseMessage Redirect(Uri location)
    {
        var response = NoStore(new HttpResponseMessage(HttpStatusCode.Found));
        response.Headers.Location = location;
        return response;
    }

    public static HttpResponseMessage MethodNotAllowed(params string[] allowed)
    {
        var response = OAuthError(HttpStatusCode.MethodNotAllowed, "invalid_request", $"use {string.Join(" or ", allowed)}");
        foreach (var method in allowed)
        {
            response.Content!.Headers.Allow.Add(method);
        }
        return response;
    }

    public static HttpResponseMessage NotFound(string path) =>
        Json(HttpStatusCode.NotFound, new JsonObject { ["error"] = "not_found", ["error_description"] = $"the sandbox has no endpoint at '{path}'" });

    /// <summary>Renders an injected failure.</summary>
    public static HttpResponseMessage Failure(SandboxFailure failure, string realm)
    {
        var response = NoStore(new HttpResponseMessage(failure.StatusCode)
        {
            Content = new StringContent(failure.Body, Encoding.UTF8, failure.ContentType),
        });
        if (failure.RetryAfterDelta is { } delta)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(Math.Ceiling(delta.TotalSeconds)));
        }
        else if (failure.RetryAfterDate is { } date)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(date);
        }

        if (failure.BearerChallenge)
        {
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", $"Bearer realm=\"{realm}\", error=\"invalid_token\"");
        }

        return response;
    }

    private static HttpResponseMessage NoStore(HttpResponseMessage response)
    {
        response.Headers.CacheControl = new CacheControlHeaderValue { NoStore = true };
        response.Headers.Pragma.Add(new NameValueHeaderValue("no-cache"));
        return response;
    }
}
