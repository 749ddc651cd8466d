using System.Net;

namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// The innermost handler of the Strava clients, next to the network, so it sees every attempt
/// (retries and the resend after a token refresh included): counts attempts the gate did not
/// reserve, feeds every response's rate-limit headers to the budget, and turns a 429 into
/// <see cref="IntegrationErrorCode.RateLimitExceeded"/> with the resume time. Throwing (rather than
/// returning the 429) keeps the resilience handler from retrying it before the window opens: it
/// retries only failed responses and network errors. A 401 whose fault names a missing scope
/// permission becomes 403 Forbidden, so the authorization handler does not refresh (and rotate)
/// the tokens for an error no refresh can fix.
/// </summary>
internal sealed class StravaRateLimitHandler(StravaRateLimitBudget budget, string provider, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var kind = StravaRequests.KindOf(request);
        if (!request.Options.TryGetValue(StravaRequests.Reserved, out var reserved) || !reserved)
        {
            budget.Count(kind);
        }

        request.Options.Set(StravaRequests.Reserved, false);
        var sentAt = time.GetUtcNow();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            using (response)
            {
                var retryAfter = response.GetRetryAfter(time);
                var resumeAt = budget.OnRateLimited(response.Headers, kind, sentAt, retryAfter);
                throw StravaRateLimitBudget.RateLimited(
                    provider,
                    resumeAt - time.GetUtcNow(),
                    StravaRequests.IntegrationId(request),
                    statusCode: 429,
                    $"{provider}: Strava refused {request.Method} {request.RequestUri?.AbsolutePath} with 429 Too Many Requests; its rate limit allows requests again at {resumeAt:u}.");
            }
        }

        budget.Observe(response.Headers, sentAt);
        if (response.StatusCode == HttpStatusCode.Unauthorized
            && await StravaApiResponses.ReadFaultAsync(response.Content, cancellationToken).ConfigureAwait(false) is { IsMissingPermission: true })
        {
            response.StatusCode = HttpStatusCode.Forbidden;
        }

        return response;
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The Strava clients are asynchronous; use SendAsync.");
}
