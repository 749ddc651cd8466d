using System.Net;

namespace Integrations.Testing.Internal;

/// <summary>The revocation endpoint (RFC 7009): 200 for any token, known or not.</summary>
internal sealed class RevocationEndpoint(SandboxSettings settings, SandboxGrantStore store)
{
    public HttpResponseMessage Handle(HttpRequestMessage request, SandboxParameters form)
    {
        if (FormRequest.Check(request, form, settings) is { } refused)
        {
            return refused;
        }

        if (form["token"] is not { } token)
        {
            return SandboxResponses.OAuthError(HttpStatusCode.BadRequest, "invalid_request", "token is required");
        }

        // token_type_hint is only an optimisation hint (RFC 7009 §2.1): both kinds are searched.
        store.Revoke(token);
        return new HttpResponseMessage(HttpStatusCode.OK);
    }
}
