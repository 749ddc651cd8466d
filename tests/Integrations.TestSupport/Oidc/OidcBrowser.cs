using System.Net;
using System.Text.RegularExpressions;

namespace Integrations.TestSupport.Oidc;

/// <summary>
/// Plays the user's browser on oidc-provider's dev interaction pages with HttpClient and cookies:
/// follows redirects by hand, fills the login form, submits consent, and stops at the redirect to
/// the client's callback, which it returns. Handles login + consent, login only, consent only, or
/// neither (SSO with an existing grant).
/// </summary>
public sealed partial class OidcBrowser : IDisposable
{
    private readonly Uri _issuer;
    private readonly HttpClient _client;

    internal OidcBrowser(Uri issuer)
    {
        _issuer = issuer;
        _client = new HttpClient(new HttpClientHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = new CookieContainer(),
            UseCookies = true,
        });
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
    }

    /// <summary>How many login forms and consent forms were submitted, for tests of the four cases.</summary>
    public int LoginsSubmitted { get; private set; }

    /// <inheritdoc cref="LoginsSubmitted"/>
    public int ConsentsSubmitted { get; private set; }

    /// <summary>Logs in as <paramref name="login"/>, consents, and returns the callback URL with <c>code</c> (or <c>error</c>).</summary>
    public Task<Uri> AuthorizeAsync(Uri authorizationUrl, string login, CancellationToken cancellationToken = default) =>
        RunAsync(authorizationUrl, login, abort: false, cancellationToken);

    /// <summary>Cancels at the first interaction page ("[ Cancel ]"), returning the callback URL with <c>error=access_denied</c>.</summary>
    public Task<Uri> AbortAsync(Uri authorizationUrl, CancellationToken cancellationToken = default) =>
        RunAsync(authorizationUrl, login: null, abort: true, cancellationToken);

    private async Task<Uri> RunAsync(Uri start, string? login, bool abort, CancellationToken cancellationToken)
    {
        var next = start;
        HttpContent? form = null;
        for (var hop = 0; hop < 25; hop++)
        {
            using var request = new HttpRequestMessage(form is null ? HttpMethod.Get : HttpMethod.Post, next) { Content = form };
            form = null;
            using var response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);

            if (response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found or HttpStatusCode.TemporaryRedirect)
            {
                var location = new Uri(next, response.Headers.Location!);
                if (location.GetLeftPart(UriPartial.Authority) != _issuer.GetLeftPart(UriPartial.Authority))
                {
                    return location; // the client's callback
                }

                next = location;
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"oidc-provider answered {(int)response.StatusCode} at {next}: {html}");
            }

            if (abort)
            {
                next = new Uri(next.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/abort");
                continue;
            }

            var action = FormAction().Match(html) is { Success: true } m ? new Uri(next, WebUtility.HtmlDecode(m.Groups[1].Value)) : next;
            if (html.Contains("name=\"login\"", StringComparison.Ordinal))
            {
                LoginsSubmitted++;
                form = new FormUrlEncodedContent([new("prompt", "login"), new("login", login ?? "alice"), new("password", "any-password")]);
            }
            else if (html.Contains("name=\"prompt\" value=\"consent\"", StringComparison.Ordinal))
            {
                ConsentsSubmitted++;
                form = new FormUrlEncodedContent([new("prompt", "consent")]);
            }
            else
            {
                throw new InvalidOperationException($"Unexpected page at {next}: {html}");
            }

            next = action;
        }

        throw new InvalidOperationException("Too many redirects in the authorization flow.");
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();
}
