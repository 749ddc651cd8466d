namespace Integrations.Internal;

/// <summary>
/// The outermost handler of a client from <see cref="IIntegrationHttpClientFactory"/>: marks every
/// request with the client's integration. The integration the client is bound to wins over one set
/// on the request.
/// </summary>
internal sealed class IntegrationBindingHandler(IntegrationKey integration, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    // HttpRequestOptions keeps its values as objects: boxing the key once per client instead of
    // through Options.Set on every request keeps the per-request path free of that allocation.
    private readonly object _integration = integration;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Bind(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Bind(request);
        return base.Send(request, cancellationToken);
    }

    private void Bind(HttpRequestMessage request) =>
        ((IDictionary<string, object?>)request.Options)[IntegrationRequestOptions.Integration.Key] = _integration;

    // The inner chain belongs to IHttpClientFactory, which disposes it when it rotates handlers.
    protected override void Dispose(bool disposing)
    {
    }
}
