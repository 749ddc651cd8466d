namespace Integrations.Testing.Internal;

/// <summary>
/// Hands requests to the server. A new one per <c>CreateHandler()</c> call, so that
/// <c>IHttpClientFactory</c> may dispose it when it recycles handlers without harming the server.
/// </summary>
internal sealed class SandboxHttpMessageHandler(SandboxAuthorizationServer server) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        server.HandleAsync(request, cancellationToken);
}
