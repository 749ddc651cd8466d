using Polly;

namespace Integrations.Internal;

/// <summary>
/// The outer handler of an integration HttpClient: runs each request through the client's shared
/// <see cref="HttpResiliencePipeline"/>. It holds no state of its own, so <c>IHttpClientFactory</c>
/// can rotate it freely. Failures the pipeline gives up on (network, attempt timeout, open circuit)
/// surface as <see cref="IntegrationException"/>; failed responses are returned as they are.
/// </summary>
/// <remarks>
/// The first attempt runs through the attempt pipeline (circuit breaker, timeout) alone. Only when
/// its outcome deserves a retry does the retry pipeline take over, with that outcome handed in as
/// its first attempt, so retries, delays, <c>Retry-After</c> and counting behave exactly as if the
/// retry strategy had run from the start, while a request that succeeds at once never pays for it.
/// </remarks>
internal sealed class IntegrationResilienceHandler(HttpResiliencePipeline pipeline) : DelegatingHandler
{
    internal HttpResiliencePipeline ResiliencePipeline => pipeline;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        Outcome<HttpResponseMessage> outcome;
        try
        {
            outcome = await AttemptAsync(context, request).ConfigureAwait(false);
            if (pipeline.Retries is { } retries && !cancellationToken.IsCancellationRequested && pipeline.ShouldRetry(outcome, request))
            {
                context.Properties.Set(HttpResiliencePipeline.RequestKey, request);
                outcome = await retries.ExecuteOutcomeAsync(
                    static (context, state) => state.NextAsync(context),
                    context,
                    new RetryAttempts(this, request, outcome)).ConfigureAwait(false);
            }
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (outcome.Exception is { } exception)
        {
            if (pipeline.ToIntegrationException(exception, request) is { } typed)
            {
                throw typed;
            }

            outcome.ThrowIfException();
        }

        return outcome.Result!;
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Integration HttpClients wait between retries asynchronously; use SendAsync instead of Send.");

    // Outcomes instead of exceptions: no throw/catch per failed attempt inside Polly.
    private ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(ResilienceContext context, HttpRequestMessage request) =>
        pipeline.Attempts.ExecuteOutcomeAsync(
            static (context, state) => state.Handler.SendInnerAsync(state.Request, context.CancellationToken),
            context,
            (Handler: this, Request: request));

    private async ValueTask<Outcome<HttpResponseMessage>> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return Outcome.FromResult(await base.SendAsync(request, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception exception)
        {
            return Outcome.FromException<HttpResponseMessage>(exception);
        }
    }

    /// <summary>The retry pipeline's callback: the attempt already made first, then fresh attempts.</summary>
    private sealed class RetryAttempts(IntegrationResilienceHandler handler, HttpRequestMessage request, Outcome<HttpResponseMessage> first)
    {
        private bool _firstTaken;

        public ValueTask<Outcome<HttpResponseMessage>> NextAsync(ResilienceContext context)
        {
            if (!_firstTaken)
            {
                _firstTaken = true;
                return ValueTask.FromResult(first);
            }

            return handler.AttemptAsync(context, request);
        }
    }
}
