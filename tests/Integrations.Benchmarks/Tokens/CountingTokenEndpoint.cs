using System.Net;
using System.Text;

namespace Integrations.Benchmarks.Tokens;

/// <summary>
/// An in-process authorization server for the libraries that speak HTTP themselves: counts the token
/// requests (and, apart, any discovery request) and answers a token request with a fresh JSON token
/// response when its <see cref="TokenEndpointGate"/> lets it.
/// </summary>
internal sealed class CountingTokenEndpoint(TokenEndpointGate gate) : HttpMessageHandler
{
    private long _tokenRequests;
    private long _discoveryRequests;
    private long _otherRequests;

    public long TokenRequests => Interlocked.Read(ref _tokenRequests);

    public long DiscoveryRequests => Interlocked.Read(ref _discoveryRequests);

    public long OtherRequests => Interlocked.Read(ref _otherRequests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.EndsWith("/discovery/instance", StringComparison.Ordinal) || path.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _discoveryRequests);
            return Json(Discovery(request.RequestUri));
        }

        if (request.Method != HttpMethod.Post || !path.EndsWith("/token", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _otherRequests);
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        var n = Interlocked.Increment(ref _tokenRequests);
        await gate.WaitAsync(cancellationToken);
        return Json($$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"access-{{n}}"}""");
    }

    private static string Discovery(Uri uri)
    {
        var authority = uri.GetLeftPart(UriPartial.Authority);
        var tenant = uri.Segments.Length > 1 ? uri.Segments[1].TrimEnd('/') : "common";
        return $$"""
            {"tenant_discovery_endpoint":"{{authority}}/{{tenant}}/v2.0/.well-known/openid-configuration",
             "issuer":"{{authority}}/{{tenant}}/v2.0",
             "authorization_endpoint":"{{authority}}/{{tenant}}/oauth2/v2.0/authorize",
             "token_endpoint":"{{authority}}/{{tenant}}/oauth2/v2.0/token",
             "api-version":"1.1",
             "metadata":[{"preferred_network":"{{uri.Host}}","preferred_cache":"{{uri.Host}}","aliases":["{{uri.Host}}"]}]}
            """;
    }

    private static HttpResponseMessage Json(string body) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
