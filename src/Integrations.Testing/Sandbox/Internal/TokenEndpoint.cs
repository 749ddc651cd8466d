using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Nodes;

namespace Integrations.Testing.Internal;

/// <summary>The token endpoint: <c>authorization_code</c> with PKCE and <c>refresh_token</c> with rotation and replay detection.</summary>
internal sealed class TokenEndpoint(SandboxSettings settings, SandboxGrantStore store)
{
    public HttpResponseMessage Handle(HttpRequestMessage request, SandboxParameters form)
    {
        if (FormRequest.Check(request, form, settings) is { } refused)
        {
            return refused;
        }

        var result = form["grant_type"] switch
        {
            null => GrantResult.Fail("invalid_request", "grant_type is required"),
            "authorization_code" => ExchangeCode(form),
            "refresh_token" => Refresh(form),
            _ => GrantResult.Fail("unsupported_grant_type", "unsupported grant_type requested"),
        };

        if (result.Tokens is not { } tokens)
        {
            return SandboxResponses.OAuthError(HttpStatusCode.BadRequest, result.Error!, result.Description!);
        }

        var body = new JsonObject
        {
            ["access_token"] = tokens.AccessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)tokens.ExpiresIn.TotalSeconds,
            ["scope"] = string.Join(' ', tokens.Scopes),
        };
        if (tokens.RefreshToken is not null)
        {
            body["refresh_token"] = tokens.RefreshToken;
        }

        return SandboxResponses.Json(HttpStatusCode.OK, body);
    }

    private GrantResult ExchangeCode(SandboxParameters form) =>
        (form["code"], form["redirect_uri"], form["code_verifier"]) switch
        {
            (null, _, _) => GrantResult.Fail("invalid_request", "code is required"),
            (_, null, _) => GrantResult.Fail("invalid_request", "redirect_uri is required"),
            (_, _, null) => GrantResult.Fail("invalid_grant", "code_verifier is required (PKCE)"),
            var (code, redirect, verifier) => store.RedeemCode(code, redirect, verifier),
        };

    private GrantResult Refresh(SandboxParameters form)
    {
        if (form["refresh_token"] is not { } refreshToken)
        {
            return GrantResult.Fail("invalid_request", "refresh_token is required");
        }

        ImmutableArray<string>? scopes = form["scope"] is { } scope ? [.. scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)] : null;
        return store.Refresh(refreshToken, scopes);
    }
}
