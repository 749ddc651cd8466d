using System.Net;
using System.Text;

namespace Integrations.Sample;

/// <summary>
/// The redirect URI of a native app (RFC 8252 §7.3): an HTTP listener on the loopback interface
/// that receives the provider's redirect with <c>code</c> and <c>state</c>. A web host has a
/// callback endpoint instead (see the README's quick start); everything after this is the same.
/// </summary>
internal sealed class LoopbackCallbackListener : IDisposable
{
    private readonly HttpListener _listener = new();

    /// <summary>Starts listening on <c>http://{host}:{port}/callback</c>.</summary>
    /// <param name="port">The port.</param>
    /// <param name="host">
    /// <c>127.0.0.1</c> by default: the literal address cannot be resolved elsewhere (RFC 8252 §8.3).
    /// <c>localhost</c> for a provider that checks the redirect against a registered host name, as
    /// Strava checks it against the application's Authorization Callback Domain.
    /// </param>
    /// <exception cref="SampleException">The port is taken or cannot be used.</exception>
    public LoopbackCallbackListener(int port, string host = "127.0.0.1")
    {
        RedirectUri = new Uri($"http://{host}:{port}/callback");

        // The listener matches the Host header of a request against this prefix.
        _listener.Prefixes.Add($"http://{host}:{port}/callback/");
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException ex)
        {
            _listener.Close();
            throw new SampleException($"Cannot listen on {RedirectUri} ({ex.Message}). Choose another port with --port and register that redirect URI at the provider.");
        }
    }

    /// <summary>The URI to register at the provider and send in the authorization request.</summary>
    public Uri RedirectUri { get; }

    /// <summary>Waits for the browser to arrive at the callback and returns the full URL it requested.</summary>
    public async Task<Uri> WaitForCallbackAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(timeout);
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(patience.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SampleException($"No sign-in arrived at {RedirectUri} within {timeout.TotalMinutes:0} minutes.");
            }

            var url = context.Request.Url;
            if (url is null || url.AbsolutePath.TrimEnd('/') != RedirectUri.AbsolutePath)
            {
                // A browser also asks for /favicon.ico and the like.
                await RespondAsync(context, HttpStatusCode.NotFound, "Not found.");
                continue;
            }

            var failed = url.Query.Contains("error=", StringComparison.Ordinal);
            await RespondAsync(context, HttpStatusCode.OK, failed
                ? "The provider reported an error. Go back to the terminal to see it."
                : "Signed in. You can close this window and go back to the terminal.");
            return url;
        }
    }

    public void Dispose() => _listener.Close();

    private static async Task RespondAsync(HttpListenerContext context, HttpStatusCode status, string text)
    {
        var body = Encoding.UTF8.GetBytes(
            $"<!doctype html><meta charset=\"utf-8\"><title>Integrations sample</title><p>{WebUtility.HtmlEncode(text)}</p>");
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }
}
