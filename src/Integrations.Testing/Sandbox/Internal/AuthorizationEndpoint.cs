using System.Collections.Immutable;
using System.Net;
using System.Text;

namespace Integrations.Testing.Internal;

/// <summary>
/// The authorization endpoint with automatic sign-in and consent. Problems with the client or the
/// redirect URI give an HTML page (RFC 6749 §4.1.2.1: never redirect to an untrusted URI); every
/// other problem redirects back with <c>error</c>, <c>state</c> and <c>iss</c>.
/// </summary>
internal sealed class AuthorizationEndpoint(SandboxSettings settings, SandboxGrantStore store, Func<SandboxConsent> consent)
{
    /// <summary>Carries the simulated user's sign-in from <c>AuthorizeAsync</c>, as a browser session cookie would.</summary>
    public static readonly HttpRequestOptionsKey<string> SignedInAccount = new("Integrations.Testing.Sandbox.SignedInAccount");

    public HttpResponseMessage Handle(HttpRequestMessage request)
    {
        if (request.Method != HttpMethod.Get)
        {
            return SandboxResponses.MethodNotAllowed("GET");
        }

        var query = SandboxParameters.Parse(request.RequestUri!.Query.TrimStart('?'));
        if (query.FindRepeated() is { } repeated)
        {
            return SandboxResponses.HtmlError(HttpStatusCode.BadRequest, "invalid_request", $"parameter '{repeated}' is sent more than once");
        }

        if (query["client_id"] is not { } clientId)
        {
            return SandboxResponses.HtmlError(HttpStatusCode.BadRequest, "invalid_request", "client_id is required");
        }

        if (!string.Equals(clientId, settings.ClientId, StringComparison.Ordinal))
        {
            return SandboxResponses.HtmlError(HttpStatusCode.BadRequest, "invalid_client", $"unknown client '{clientId}'");
        }

        if (query["redirect_uri"] is not { } redirect)
        {
            return SandboxResponses.HtmlError(HttpStatusCode.BadRequest, "invalid_request", "redirect_uri is required");
        }

        if (!IsAcceptedRedirect(redirect, out var redirectUri))
        {
            return SandboxResponses.HtmlError(HttpStatusCode.BadRequest, "invalid_redirect_uri", "redirect_uri did not match any of the client's registered redirect_uris");
        }

        var state = query["state"];
        if (Validate(query) is { } error)
        {
            return Callback(redirectUri, state, [("error", error.Code), ("error_description", error.Description)]);
        }

        var requested = query["scope"]!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToImmutableArray();
        if (requested.FirstOrDefault(s => !settings.Scopes.Contains(s)) is { } unknown)
        {
            return Callback(redirectUri, state, [("error", "invalid_scope"), ("error_description", $"unknown scope '{unknown}'")]);
        }

        var answer = consent();
        if (!answer.IsApproved)
        {
            return Callback(redirectUri, state, [("error", "access_denied"), ("error_description", "the user refused access")]);
        }

        var granted = requested.RemoveAll(answer.WithheldScopes.Contains);
        var account = SignedIn(request, query);
        var code = store.CreateCode(account, redirect, query["code_challenge"]!, granted);
        return Callback(redirectUri, state, [("code", code), ("scope", string.Join(' ', granted))]);
    }

    private static (string Code, string Description)? Validate(SandboxParameters query)
    {
        if (query["response_type"] is not { } responseType)
        {
            return ("invalid_request", "response_type is required");
        }

        if (responseType != "code")
        {
            return ("unsupported_response_type", "only response_type=code is supported");
        }

        if (query["response_mode"] is { } mode && mode != "query")
        {
            return ("invalid_request", "only response_mode=query is supported");
        }

        if (query["code_challenge"] is not { } challenge)
        {
            return ("invalid_request", "PKCE is required: send code_challenge and code_challenge_method=S256");
        }

        if (query["code_challenge_method"] != "S256")
        {
            return ("invalid_request", "only code_challenge_method=S256 is supported");
        }

        if (!Pkce.IsBase64Url43(challenge))
        {
            return ("invalid_request", "code_challenge must be a base64url SHA-256 hash (43 characters)");
        }

        if (query["scope"] is null)
        {
            return ("invalid_scope", "scope is required");
        }

        return null;
    }

    private bool IsAcceptedRedirect(string redirect, out Uri uri)
    {
        if (!Uri.TryCreate(redirect, UriKind.Absolute, out uri!) || uri.Scheme is not ("http" or "https") || uri.Fragment.Length > 0)
        {
            return false;
        }

        return settings.RedirectUris.Count == 0 || settings.RedirectUris.Contains(uri.AbsoluteUri);
    }

    private SandboxAccount SignedIn(HttpRequestMessage request, SandboxParameters query)
    {
        if (request.Options.TryGetValue(SignedInAccount, out var id) && settings.Accounts.TryGetValue(id, out var account))
        {
            return account;
        }

        return query["login_hint"] is { } hint && settings.FindAccount(hint) is { } hinted ? hinted : settings.DefaultAccount;
    }

    private HttpResponseMessage Callback(Uri redirectUri, string? state, (string Name, string Value)[] parameters)
    {
        var query = new StringBuilder(redirectUri.Query.Length > 1 ? redirectUri.Query[1..] + "&" : "");
        foreach (var (name, value) in parameters)
        {
            Append(query, name, value);
        }

        if (state is not null)
        {
            Append(query, "state", state);
        }

        Append(query, "iss", settings.Issuer);
        return SandboxResponses.Redirect(new UriBuilder(redirectUri) { Query = query.ToString(0, query.Length - 1) }.Uri);
    }

    private static void Append(StringBuilder query, string name, string value) =>
        query.Append(name).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
}
