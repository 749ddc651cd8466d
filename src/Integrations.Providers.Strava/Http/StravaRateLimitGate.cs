namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// The outermost handler of the Strava clients: waits until the request fits the application's
/// budget before it enters the pipeline, and after a 429 (reported by <see cref="StravaRateLimitHandler"/>
/// as <see cref="IntegrationErrorCode.RateLimitExceeded"/>) waits for the window and sends the request
/// again, at most <see cref="StravaRateLimitOptions.MaxRetriesAfterRateLimit"/> times. It sits outside
/// the resilience handler so that a wait of minutes is not cut short by the per-attempt timeout.
/// </summary>
internal sealed class StravaRateLimitGate(StravaRateLimitBudget budget, Func<StravaRateLimitOptions> options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options();
        var kind = StravaRequests.KindOf(request);
        var integrationId = StravaRequests.IntegrationId(request);
        var deadline = time.GetUtcNow() + settings.MaxWait;
        for (var resends = 0; ; resends++)
        {
            await budget.AcquireAsync(kind, deadline - time.GetUtcNow(), integrationId, cancellationToken).ConfigureAwait(false);
            request.Options.Set(StravaRequests.Reserved, true);
            try
            {
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (IntegrationException ex) when (ex is { Code: IntegrationErrorCode.RateLimitExceeded, StatusCode: 429 }
                && resends < settings.MaxRetriesAfterRateLimit
                && StravaRequests.MayResend(request)
                && time.GetUtcNow() + ex.RetryAfter.GetValueOrDefault() <= deadline)
            {
                // The budget now holds every request of this kind until the window opens; the next
                // AcquireAsync waits for it.
            }
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The Strava clients wait for rate-limit windows asynchronously; use SendAsync.");
}
