using System.Net;
using System.Text.Json.Nodes;

namespace Integrations.Testing.Internal;

/// <summary>The endpoints that read with a bearer token (userinfo, the demo API) and the metadata document.</summary>
internal sealed class ResourceEndpoints(SandboxSettings settings, BearerAuthenticator bearer)
{
    /// <summary>OpenID Connect userinfo: <c>sub</c> always, the rest by scope (<c>profile</c>, <c>email</c>).</summary>
    public HttpResponseMessage UserInfo(HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Post)
        {
            return SandboxResponses.MethodNotAllowed("GET", "POST");
        }

        if (bearer.Authenticate(request, "openid", out var challenge) is not { } token)
        {
            return challenge!;
        }

        var account = token.Grant.Account;
        var claims = new JsonObject { ["sub"] = account.Id };
        if (token.Scopes.Contains("profile"))
        {
            claims["name"] = account.Name;
            claims["preferred_username"] = account.Username;
            if (account.Picture is { } picture)
            {
                claims["picture"] = picture.AbsoluteUri;
            }
        }

        if (token.Scopes.Contains("email"))
        {
            claims["email"] = account.Email;
            claims["email_verified"] = true;
        }

        return SandboxResponses.Json(HttpStatusCode.OK, claims);
    }

    /// <summary>The demo API: the signed-in account's messages, newest first.</summary>
    public HttpResponseMessage Messages(HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Get)
        {
            return SandboxResponses.MethodNotAllowed("GET");
        }

        if (bearer.Authenticate(request, SandboxDefaults.MessagesReadScope, out var challenge) is not { } token)
        {
            return challenge!;
        }

        var items = new JsonArray();
        foreach (var message in settings.Messages.OrderByDescending(m => m.ReceivedAt))
        {
            items.Add(new JsonObject
            {
                ["id"] = message.Id,
                ["from"] = message.From,
                ["subject"] = message.Subject,
                ["receivedAt"] = message.ReceivedAt.ToString("O"),
            });
        }

        return SandboxResponses.Json(HttpStatusCode.OK, new JsonObject { ["account"] = token.Grant.Account.Id, ["items"] = items });
    }

    /// <summary>Authorization server metadata (RFC 8414).</summary>
    public HttpResponseMessage Metadata(HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Get)
        {
            return SandboxResponses.MethodNotAllowed("GET");
        }

        return SandboxResponses.Json(HttpStatusCode.OK, new JsonObject
        {
            ["issuer"] = settings.Issuer,
            ["authorization_endpoint"] = settings.Endpoint(SandboxDefaults.AuthorizationPath).AbsoluteUri,
            ["token_endpoint"] = settings.Endpoint(SandboxDefaults.TokenPath).AbsoluteUri,
            ["revocation_endpoint"] = settings.Endpoint(SandboxDefaults.RevocationPath).AbsoluteUri,
            ["userinfo_endpoint"] = settings.Endpoint(SandboxDefaults.UserInfoPath).AbsoluteUri,
            ["scopes_supported"] = new JsonArray([.. settings.Scopes.Order(StringComparer.Ordinal).Select(s => JsonValue.Create(s))]),
            ["response_types_supported"] = new JsonArray("code"),
            ["response_modes_supported"] = new JsonArray("query"),
            ["grant_types_supported"] = new JsonArray("authorization_code", "refresh_token"),
            ["code_challenge_methods_supported"] = new JsonArray("S256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray(SandboxSettings.ClientAuthenticationName(settings.ClientAuthentication)),
            ["revocation_endpoint_auth_methods_supported"] = new JsonArray(SandboxSettings.ClientAuthenticationName(settings.ClientAuthentication)),
            ["authorization_response_iss_parameter_supported"] = true,
        });
    }
}
