using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Integrations.Internal;

internal sealed class IntegrationHttpClientFactory(
    IHttpMessageHandlerFactory handlerFactory,
    IOptionsMonitor<HttpClientFactoryOptions> clientOptions) : IIntegrationHttpClientFactory
{
    public HttpClient CreateClient(IntegrationKey integration, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var handler = new IntegrationBindingHandler(integration, handlerFactory.CreateHandler(name));
        var client = new HttpClient(handler, disposeHandler: false);

        // Apply the client's own settings (base address, default headers, timeout) as IHttpClientFactory would.
        var actions = clientOptions.Get(name).HttpClientActions;
        for (var i = 0; i < actions.Count; i++)
        {
            actions[i](client);
        }

        return client;
    }
}
