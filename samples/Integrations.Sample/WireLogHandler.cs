namespace Integrations.Sample;

/// <summary>
/// Prints every attempt an HttpClient sends (the API clients, and Strava's OAuth endpoints). It is
/// added after the SDK's handlers, so it sits next to the network: a request the resilience handler
/// retries shows up once per attempt, with the status that made the SDK try again. Only the method,
/// URL path and status are printed: never headers (the bearer token is in one), query strings or
/// bodies (codes and tokens are in them).
/// </summary>
internal sealed class WireLogHandler(SampleConsole console) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        console.Wire($"-> {request.Method} {request.RequestUri?.GetLeftPart(UriPartial.Path)}");
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            // The SDK's own reading of Retry-After (seconds or an HTTP date), as the retry uses it.
            var retryAfter = response.GetRetryAfter() is { } delay ? $" (Retry-After: {delay.TotalSeconds:0} s)" : "";
            console.Wire($"<- {(int)response.StatusCode} {response.ReasonPhrase}{retryAfter}");
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            console.Wire($"<- no response ({ex.GetType().Name})");
            throw;
        }
    }
}
