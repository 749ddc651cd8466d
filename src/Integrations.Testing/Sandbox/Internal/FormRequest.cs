using System.Net;

namespace Integrations.Testing.Internal;

/// <summary>What the token and revocation endpoints check before reading a grant: POST, a form body, no repeated parameter, an authenticated client.</summary>
internal static class FormRequest
{
    /// <summary>Returns <see langword="null"/> when the request may proceed, otherwise the error response.</summary>
    public static HttpResponseMessage? Check(HttpRequestMessage request, SandboxParameters form, SandboxSettings settings)
    {
        if (request.Method != HttpMethod.Post)
        {
            return SandboxResponses.MethodNotAllowed("POST");
        }

        if (request.Content?.Headers.ContentType?.MediaType is not "application/x-www-form-urlencoded")
        {
            return SandboxResponses.OAuthError(HttpStatusCode.BadRequest, "invalid_request", "the body must be application/x-www-form-urlencoded");
        }

        if (form.FindRepeated() is { } repeated)
        {
            return SandboxResponses.OAuthError(HttpStatusCode.BadRequest, "invalid_request", $"parameter '{repeated}' is sent more than once");
        }

        return ClientAuthenticator.Authenticate(request, form, settings);
    }
}
