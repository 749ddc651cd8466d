namespace Integrations.Testing.Internal;

/// <summary>Sends requests to a <see cref="SandboxSyncServer"/> in process.</summary>
internal sealed class SandboxSyncHttpHandler(SandboxSyncServer server) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        server.HandleAsync(request, cancellationToken);
}
