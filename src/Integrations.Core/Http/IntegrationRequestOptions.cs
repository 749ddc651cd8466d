namespace Integrations;

/// <summary>
/// The <see cref="HttpRequestMessage.Options"/> keys the SDK's HTTP handlers read. Most code uses
/// the extension methods of <see cref="IntegrationHttpRequestMessageExtensions"/> instead.
/// </summary>
public static class IntegrationRequestOptions
{
    /// <summary>
    /// The integration whose access token authorizes the request. Required on every request sent
    /// through an integration HttpClient; a request without it fails with
    /// <see cref="IntegrationErrorCode.InvalidRequest"/> instead of going out anonymously.
    /// </summary>
    public static readonly HttpRequestOptionsKey<IntegrationKey> Integration = new("Integrations.Integration");

    /// <summary>
    /// Whether this request may be sent again after a transient failure, overriding the method rule
    /// (idempotent methods only) and <see cref="IntegrationResilienceOptions.RetryNonIdempotentMethods"/>.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> Retryable = new("Integrations.Retryable");
}
