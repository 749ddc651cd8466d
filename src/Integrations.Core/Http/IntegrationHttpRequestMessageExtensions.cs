namespace Integrations;

/// <summary>Marks a request for the SDK's HTTP handlers.</summary>
public static class IntegrationHttpRequestMessageExtensions
{
    /// <summary>
    /// Sends the request on behalf of an integration: the authorization handler adds that
    /// integration's access token. Clients from <see cref="IIntegrationHttpClientFactory"/> do this
    /// for every request.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="integration">The integration and its owner.</param>
    /// <returns>The same request, for chaining.</returns>
    public static HttpRequestMessage SetIntegration(this HttpRequestMessage request, IntegrationKey integration)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(IntegrationRequestOptions.Integration, integration);
        return request;
    }

    /// <summary>Reads the integration a request is sent for.</summary>
    /// <param name="request">The request.</param>
    /// <param name="integration">The integration, when one is set.</param>
    /// <returns>Whether the request carries an integration.</returns>
    public static bool TryGetIntegration(this HttpRequestMessage request, out IntegrationKey integration)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(IntegrationRequestOptions.Integration, out integration);
    }

    /// <summary>
    /// Lets the resilience handler send this request again after a transient failure even if its
    /// method is not idempotent (for example a POST the API deduplicates by an idempotency key), or,
    /// with <see langword="false"/>, forbids retries of this request whatever its method.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="retryable">Whether the request may be sent more than once.</param>
    /// <returns>The same request, for chaining.</returns>
    public static HttpRequestMessage SetRetryable(this HttpRequestMessage request, bool retryable = true)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Options.Set(IntegrationRequestOptions.Retryable, retryable);
        return request;
    }
}
