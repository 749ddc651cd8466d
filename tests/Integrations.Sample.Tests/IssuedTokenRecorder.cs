using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace Integrations.Sample.Tests;

/// <summary>
/// Records every access and refresh token a token endpoint hands to the sample's host (through any
/// <c>IHttpClientFactory</c> client), so a test can prove that none of them reaches the output.
/// </summary>
internal sealed class IssuedTokenRecorder : IHttpMessageHandlerBuilderFilter
{
    private readonly ConcurrentQueue<string> _tokens = new();

    public IReadOnlyCollection<string> Tokens => _tokens;

    public void AddTo(IIntegrationsBuilder builder) => builder.Services.AddSingleton<IHttpMessageHandlerBuilderFilter>(this);

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        builder.AdditionalHandlers.Insert(0, new Recorder(_tokens));
    };

    private sealed class Recorder(ConcurrentQueue<string> tokens) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Content.Headers.ContentType?.MediaType != "application/json")
            {
                return response;
            }

            await response.Content.LoadIntoBufferAsync(cancellationToken);
            try
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
                foreach (var name in new[] { "access_token", "refresh_token" })
                {
                    if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var token) && token.GetString() is { Length: > 0 } value)
                    {
                        tokens.Enqueue(value);
                    }
                }
            }
            catch (JsonException)
            {
            }

            return response;
        }
    }
}
