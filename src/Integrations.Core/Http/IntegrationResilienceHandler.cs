using Polly;

namespace Integrations.Internal;

/// <summary>
/// The outer handler of an integration HttpClient: runs each request through the client's shared
/// <see cref="HttpResiliencePipeline"/>. It holds no state of its own, so <c>IHttpClientFactory</c>
/// can rotate it freely. Failures the pipeline gives up on (network, attempt timeout, open circuit)
/// surface as <see cref="IntegrationException"/>; failed responses are returned as they are.
/// </summary>
internal sealed class IntegrationResilienceHandler(HttpResiliencePipeline pipeline) : DelegatingHandler
{
    internal HttpResiliencePipeline ResiliencePipeline => pipeline;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HttpResiliencePipeline.RequestKey, request);
        Outcome<HttpResponseMessage> outcome;
        try
        {
            // Outcomes instead of exceptions: one async layer less, and no throw/catch per failed attempt.
            outcome = await pipeline.Pipeline.ExecuteOutcomeAsync(
                static (context, state) => state.Handler.AttemptAsync(state.Request, context.CancellationToken),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
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

    private async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
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
}
