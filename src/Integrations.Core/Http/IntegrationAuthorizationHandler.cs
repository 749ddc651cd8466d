using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Integrations.Internal;

/// <summary>
/// The inner handler of an integration HttpClient: adds the access token of the request's
/// integration and, when the provider answers 401, asks the token provider once for a newer token
/// and resends only if it got one: at most one forced refresh per request, even across retries. It
/// never loops and never sends a request without a token.
/// </summary>
internal sealed class IntegrationAuthorizationHandler(IAccessTokenProvider tokens, ILogger logger) : DelegatingHandler
{
    // Set once a request has had its forced refresh, so a retry of the same request by the outer
    // resilience handler cannot force a second one.
    private static readonly HttpRequestOptionsKey<bool> RefreshedKey = new("Integrations.TokenRefreshed");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(IntegrationRequestOptions.Integration, out var integration))
        {
            throw MissingIntegration(request);
        }

        var token = await tokens.GetAccessTokenAsync(integration, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue(token.TokenType, token.Value);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || request.Options.TryGetValue(RefreshedKey, out _))
        {
            return response;
        }

        request.Options.Set(RefreshedKey, true);

        AccessToken refreshed;
        try
        {
            refreshed = await tokens.RefreshAccessTokenAsync(integration, token, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        if (ReferenceEquals(refreshed, token) || string.Equals(refreshed.Value, token.Value, StringComparison.Ordinal))
        {
            HttpLog.TokenRejectedNoNewToken(logger, integration.Id);
            return response;
        }

        HttpLog.TokenRejectedResending(logger, integration.Id);
        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue(refreshed.TokenType, refreshed.Value);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Integration HttpClients add access tokens asynchronously; use SendAsync instead of Send.");

    private static IntegrationException MissingIntegration(HttpRequestMessage request) =>
        new(IntegrationErrorCode.InvalidRequest,
            $"The {request.Method} request to {request.RequestUri?.Host} names no integration. Call request.SetIntegration(key) "
            + "or create the client with IIntegrationHttpClientFactory.CreateClient(integration, name).");
}
