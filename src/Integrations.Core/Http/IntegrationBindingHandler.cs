namespace Integrations.Internal;

/// <summary>
/// The outermost handler of a client from <see cref="IIntegrationHttpClientFactory"/>: marks every
/// request with the client's integration. The integration the client is bound to wins over one set
/// on the request.
/// </summary>
internal sealed class IntegrationBindingHandler(IntegrationKey integration, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(IntegrationRequestOptions.Integration, integration);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.Set(IntegrationRequestOptions.Integration, integration);
        return base.Send(request, cancellationToken);
    }

    // The inner chain belongs to IHttpClientFactory, which disposes it when it rotates handlers.
    protected override void Dispose(bool disposing)
    {
    }
}
