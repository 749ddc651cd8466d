using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Web;

namespace Integrations.Testing.Internal;

/// <summary>
/// Client authentication at the token and revocation endpoints (RFC 6749 §2.3): exactly one
/// mechanism, the one the client is registered for, with the right secret.
/// </summary>
internal static class ClientAuthenticator
{
    /// <summary>Returns <see langword="null"/> when the client is authenticated, otherwise the error response.</summary>
    public static HttpResponseMessage? Authenticate(HttpRequestMessage request, SandboxParameters form, SandboxSettings settings)
    {
        var header = request.Headers.Authorization;
        var bodyId = form["client_id"];
        var bodySecret = form["client_secret"];

        ClientAuthenticationMethod method;
        string clientId;
        string? secret;
        if (header is not null)
        {
            if (!string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
            {
                return SandboxResponses.InvalidClient(settings.Issuer, $"the '{header.Scheme}' authorization scheme is not a client authentication method");
            }

            if (bodySecret is not null)
            {
                return SandboxResponses.OAuthError(HttpStatusCode.BadRequest, "invalid_request", "client authentication must only be provided using one mechanism");
            }

            if (!TryDecodeBasic(header.Parameter, out clientId, out secret))
            {
                return SandboxResponses.InvalidClient(settings.Issuer, "malformed HTTP Basic credentials");
            }

            if (bodyId is not null && !string.Equals(bodyId, clientId, StringComparison.Ordinal))
            {
                return SandboxResponses.OAuthError(HttpStatusCode.BadRequest, "invalid_request", "client_id in the body differs from the one in the Authorization header");
            }

            method = ClientAuthenticationMethod.Basic;
        }
        else if (bodySecret is not null)
        {
            if (bodyId is null)
            {
                return SandboxResponses.InvalidClient(settings.Issuer, "client_secret sent without client_id");
            }

            (method, clientId, secret) = (ClientAuthenticationMethod.Post, bodyId, bodySecret);
        }
        else if (bodyId is not null)
        {
            (method, clientId, secret) = (ClientAuthenticationMethod.None, bodyId, null);
        }
        else
        {
            return SandboxResponses.OAuthError(HttpStatusCode.BadRequest, "invalid_request", "no client authentication mechanism provided");
        }

        if (!string.Equals(clientId, settings.ClientId, StringComparison.Ordinal))
        {
            return SandboxResponses.InvalidClient(settings.Issuer, "client authentication failed: unknown client");
        }

        if (method != settings.ClientAuthentication)
        {
            return SandboxResponses.InvalidClient(settings.Issuer,
                $"client authentication failed: the client is registered for {SandboxSettings.ClientAuthenticationName(settings.ClientAuthentication)}, "
                + $"the request used {SandboxSettings.ClientAuthenticationName(method)}");
        }

        if (method != ClientAuthenticationMethod.None && !SecretMatches(secret!, settings.ClientSecret))
        {
            return SandboxResponses.InvalidClient(settings.Issuer, "client authentication failed: invalid secret");
        }

        return null;
    }

    // RFC 6749 §2.3.1: the id and the secret are form-urlencoded before they are joined and base64-encoded.
    private static bool TryDecodeBasic(string? parameter, out string clientId, out string secret)
    {
        clientId = secret = "";
        if (string.IsNullOrEmpty(parameter))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        clientId = HttpUtility.UrlDecode(decoded[..colon]);
        secret = HttpUtility.UrlDecode(decoded[(colon + 1)..]);
        return true;
    }

    private static bool SecretMatches(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
