using System.Collections.Concurrent;

namespace Integrations.Core.Tests.Http;

/// <summary>
/// The primary handler of the tests' clients: records what reached the network (method, path,
/// Authorization header) and passes the request to a MockHttp handler that fails on anything
/// nobody registered.
/// </summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public ConcurrentQueue<string?> AuthorizationHeaders { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        Requests.Enqueue($"{request.Method} {request.RequestUri?.AbsolutePath}");
        AuthorizationHeaders.Enqueue(request.Headers.Authorization?.ToString());
        return base.SendAsync(request, cancellationToken);
    }

    // The factory disposes primary handlers when it rotates them; the mock belongs to the test.
    protected override void Dispose(bool disposing)
    {
    }
}
