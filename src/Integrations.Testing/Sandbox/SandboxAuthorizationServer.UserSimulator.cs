using System.Net;
using System.Text.RegularExpressions;

namespace Integrations.Testing;

/// <summary>The simulated user behind <see cref="AuthorizeAsync(Uri, CancellationToken)"/>.</summary>
public sealed partial class SandboxAuthorizationServer
{
    private async Task<Uri> AuthorizeCoreAsync(Uri authorizationUrl, string? accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorizationUrl);
        if (!authorizationUrl.IsAbsoluteUri
            || !string.Equals(authorizationUrl.GetLeftPart(UriPartial.Path), AuthorizationEndpoint.AbsoluteUri, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"'{authorizationUrl.GetLeftPart(UriPartial.Path)}' is not this sandbox's authorization endpoint ({AuthorizationEndpoint}). "
                + "Was the provider configured with SandboxAuthorizationServer.ConfigureProvider?",
                nameof(authorizationUrl));
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, authorizationUrl);
        if (accountId is not null)
        {
            request.Options.Set(Internal.AuthorizationEndpoint.SignedInAccount, accountId);
        }

        using var response = await HandleAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.SeeOther && response.Headers.Location is { } location)
        {
            return location.IsAbsoluteUri ? location : new Uri(authorizationUrl, location);
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var text = Whitespace().Replace(Tags().Replace(body, " "), " ").Trim();
        throw new InvalidOperationException(
            $"The sandbox answered the authorization request with {(int)response.StatusCode} {response.StatusCode} instead of a redirect: {Truncate(text, 300)}");
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
