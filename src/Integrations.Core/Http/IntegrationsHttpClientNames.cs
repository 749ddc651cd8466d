namespace Integrations;

/// <summary>The names of the HttpClients the SDK creates through <c>IHttpClientFactory</c>.</summary>
public static class IntegrationsHttpClientNames
{
    /// <summary>The client a provider uses for its OAuth endpoints.</summary>
    /// <param name="providerName">The provider name.</param>
    /// <returns>The client name.</returns>
    public static string Backchannel(string providerName) => "Integrations.Backchannel." + providerName;
}
