using System.Net;

namespace Integrations.Testing.Internal;

/// <summary>Bearer token checks for the sandbox's protected resources (RFC 6750).</summary>
internal sealed class BearerAuthenticator(SandboxSettings settings, SandboxGrantStore store)
{
    /// <summary>Returns the token's entry, or sets <paramref name="challenge"/> to the 401 or 403 to answer.</summary>
    public AccessTokenEntry? Authenticate(HttpRequestMessage request, string? requiredScope, out HttpResponseMessage? challenge)
    {
        challenge = null;
        if (request.Headers.Authorization is not { Scheme: var scheme, Parameter: { Length: > 0 } token }
            || !string.Equals(scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            challenge = SandboxResponses.BearerError(HttpStatusCode.Unauthorized, settings.Issuer, "invalid_token", "no access token provided");
            return null;
        }

        if (store.FindLiveAccessToken(token) is not { } entry)
        {
            challenge = SandboxResponses.BearerError(HttpStatusCode.Unauthorized, settings.Issuer, "invalid_token", "invalid token provided");
            return null;
        }

        if (requiredScope is not null && !entry.Scopes.Contains(requiredScope))
        {
            challenge = SandboxResponses.BearerError(HttpStatusCode.Forbidden, settings.Issuer, "insufficient_scope", $"the access token lacks the '{requiredScope}' scope", requiredScope);
            return null;
        }

        return entry;
    }
}
