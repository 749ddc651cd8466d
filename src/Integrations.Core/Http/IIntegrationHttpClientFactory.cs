namespace Integrations;

/// <summary>
/// Creates HttpClients bound to one integration: every request they send carries that
/// integration's access token, with the resilience and authorization handlers of the named client.
/// </summary>
public interface IIntegrationHttpClientFactory
{
    /// <summary>
    /// Creates a client for one integration from a client registered with
    /// <c>AddHttpClient(name, ...)</c> on the integrations builder (or with <c>AddIntegrationHandlers()</c>).
    /// The client's base address, headers and timeout come from that registration. Creating clients
    /// is cheap: the handlers underneath are pooled by <c>IHttpClientFactory</c>, and disposing the
    /// client does not dispose them.
    /// </summary>
    /// <param name="integration">The integration whose token authorizes every request of the client.</param>
    /// <param name="name">The name the HttpClient was registered under.</param>
    /// <returns>A new HttpClient; short-lived or kept, as the caller likes.</returns>
    HttpClient CreateClient(IntegrationKey integration, string name);
}
