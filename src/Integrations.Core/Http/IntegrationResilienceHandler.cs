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
        try
        {
            return await pipeline.Pipeline.ExecuteAsync(
                static (context, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendInnerAsync(state.Request, context.CancellationToken)),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        catch (Exception exception) when (pipeline.ToIntegrationException(exception, request) is { } typed)
        {
            throw typed;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Integration HttpClients wait between retries asynchronously; use SendAsync instead of Send.");

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
