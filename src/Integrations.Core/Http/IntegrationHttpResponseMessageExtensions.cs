using System.Net;
using System.Net.Http.Headers;
using Integrations.Internal;

namespace Integrations;

/// <summary>Reads provider API responses: failures as <see cref="IntegrationException"/>s, <c>Retry-After</c> as a wait.</summary>
public static class IntegrationHttpResponseMessageExtensions
{
    /// <summary>
    /// The wait the server asked for with <c>Retry-After</c>: delta-seconds, or an HTTP-date measured
    /// against <paramref name="timeProvider"/>. A date in the past means no wait; no header means <see langword="null"/>.
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="timeProvider">The clock an HTTP-date is measured against; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <returns>The wait, or <see langword="null"/> when the response has no <c>Retry-After</c>.</returns>
    public static TimeSpan? GetRetryAfter(this HttpResponseMessage response, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.GetRetryAfter(timeProvider);
    }

    /// <inheritdoc cref="GetRetryAfter(HttpResponseMessage, TimeProvider?)"/>
    /// <param name="headers">The response headers.</param>
    /// <param name="timeProvider">The clock an HTTP-date is measured against; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    public static TimeSpan? GetRetryAfter(this HttpResponseHeaders headers, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var delay = headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - (timeProvider ?? TimeProvider.System).GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    /// <summary>
    /// Does nothing for a 2xx response. Otherwise disposes the response and throws an
    /// <see cref="IntegrationException"/> whose code says what the host can do:
    /// <list type="bullet">
    /// <item>401: <see cref="IntegrationErrorCode.ReauthorizationRequired"/>. The authorization handler has already
    /// refreshed the token once and resent, so the provider no longer accepts this integration's grant.</item>
    /// <item>403: <see cref="IntegrationErrorCode.PermissionDenied"/> (a missing scope), except when the provider's
    /// error code names a rate limit (<see cref="IntegrationErrorCode.RateLimitExceeded"/>, transient) or a quota
    /// (<see cref="IntegrationErrorCode.ApiQuotaExceeded"/>), as Google does.</item>
    /// <item>408: <see cref="IntegrationErrorCode.ConnectionError"/>, transient.</item>
    /// <item>409, 412: <see cref="IntegrationErrorCode.ConcurrencyConflict"/>.</item>
    /// <item>429: <see cref="IntegrationErrorCode.RateLimitExceeded"/>, transient, with <see cref="IntegrationException.RetryAfter"/> from <c>Retry-After</c>.</item>
    /// <item>5xx: <see cref="IntegrationErrorCode.ProviderUnavailable"/>, transient (except 501 and 505), with <c>Retry-After</c> when sent.</item>
    /// <item>Other 4xx (400, 404, 410, ...): <see cref="IntegrationErrorCode.InvalidRequest"/>; 1xx and 3xx: <see cref="IntegrationErrorCode.InvalidResponse"/>.</item>
    /// </list>
    /// The provider's own error code is read from a small JSON body into <see cref="IntegrationException.ProviderError"/>;
    /// HTML, text and broken JSON bodies are ignored. The message names the status and host only: never the
    /// body, headers or query string, which may carry tokens.
    /// </summary>
    /// <param name="response">The response of a provider API call.</param>
    /// <param name="provider">The provider name, recorded on the exception.</param>
    /// <param name="timeProvider">The clock an HTTP-date <c>Retry-After</c> is measured against; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels reading the error body.</param>
    /// <returns>A task that completes when the response is a success.</returns>
    /// <exception cref="IntegrationException">The response is not a success.</exception>
    public static async ValueTask EnsureIntegrationSuccessAsync(
        this HttpResponseMessage response,
        string provider,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentException.ThrowIfNullOrEmpty(provider);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        using (response)
        {
            var providerError = await ProviderErrorReader.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
            var status = response.StatusCode;
            var retryAfter = response.GetRetryAfter(timeProvider);
            var code = Classify(status, providerError);
            var request = response.RequestMessage;
            var message = $"The {provider} API answered {(int)status} ({status})"
                + (request is null ? string.Empty : $" to {request.Method} {request.RequestUri?.Host}")
                + (providerError is null ? "." : $" with error '{providerError}'.");
            throw new IntegrationException(code, message)
            {
                Provider = provider,
                IntegrationId = request is not null && request.TryGetIntegration(out var integration) ? integration.Id : null,
                StatusCode = (int)status,
                ProviderError = providerError,
                IsTransient = code == IntegrationErrorCode.RateLimitExceeded || HttpFailures.IsTransient(status),
                RetryAfter = retryAfter,
            };
        }
    }

    private static IntegrationErrorCode Classify(HttpStatusCode status, string? providerError) => status switch
    {
        HttpStatusCode.Unauthorized => IntegrationErrorCode.ReauthorizationRequired,
        HttpStatusCode.Forbidden when Mentions(providerError, "ratelimit") => IntegrationErrorCode.RateLimitExceeded,
        HttpStatusCode.Forbidden when Mentions(providerError, "quota") || Mentions(providerError, "dailylimit") => IntegrationErrorCode.ApiQuotaExceeded,
        HttpStatusCode.Forbidden => IntegrationErrorCode.PermissionDenied,
        HttpStatusCode.RequestTimeout => IntegrationErrorCode.ConnectionError,
        HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed => IntegrationErrorCode.ConcurrencyConflict,
        HttpStatusCode.TooManyRequests => IntegrationErrorCode.RateLimitExceeded,
        >= HttpStatusCode.InternalServerError => IntegrationErrorCode.ProviderUnavailable,
        >= HttpStatusCode.BadRequest => IntegrationErrorCode.InvalidRequest,
        _ => IntegrationErrorCode.InvalidResponse,
    };

    private static bool Mentions(string? providerError, string word) =>
        providerError is not null && providerError.Contains(word, StringComparison.OrdinalIgnoreCase);
}
