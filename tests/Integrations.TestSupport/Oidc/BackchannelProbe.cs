using System.Collections.Concurrent;
using System.Web;

namespace Integrations.TestSupport.Oidc;

/// <summary>
/// Watches a provider's backchannel from inside the SDK's HttpClient pipeline: records every token
/// request's grant type and the refresh token it carries, and can hold the next refresh at a gate
/// (the Google-style concurrency test: callers pile up while the one refresh waits). Add it with
/// <c>builder.ConfigureBackchannel(name, b =&gt; b.AddHttpMessageHandler(probe.CreateHandler))</c>.
/// </summary>
public sealed class BackchannelProbe
{
    private readonly ConcurrentQueue<string> _refreshTokensSent = new();
    private readonly ConcurrentQueue<string> _grantTypes = new();
    private RefreshGate? _gate;
    private int _dropNextRefreshResponse;

    /// <summary>The refresh tokens the SDK sent, in order (test-only secrets of a throw-away server).</summary>
    public IReadOnlyList<string> RefreshTokensSent => [.. _refreshTokensSent];

    /// <summary>How many <c>grant_type=refresh_token</c> requests left the SDK.</summary>
    public int Refreshes => _refreshTokensSent.Count;

    /// <summary>How many token requests of a grant type left the SDK.</summary>
    public int TokenRequests(string grantType) => _grantTypes.Count(g => g == grantType);

    /// <summary>
    /// Rewrites the body of successful token responses before the SDK reads them: (grant type, JSON
    /// body) to the new body. For tests of what the SDK does with a response a proxy or an attacker
    /// changed (for example an id_token from another authorization).
    /// </summary>
    public Func<string, string, string>? RewriteTokenResponse { get; set; }

    /// <summary>Holds the next refresh request until <see cref="RefreshGate.Release"/>; later ones pass straight through.</summary>
    public RefreshGate HoldNextRefresh()
    {
        var gate = new RefreshGate();
        Volatile.Write(ref _gate, gate);
        return gate;
    }

    /// <summary>
    /// The Google-style concurrency pattern: holds the next refresh at the gate, starts
    /// <paramref name="callers"/> calls, lets the refresh go once it has arrived (so every caller
    /// is already waiting for that one refresh), and returns what each caller got.
    /// </summary>
    /// <param name="callers">How many concurrent calls.</param>
    /// <param name="call">One caller's call (for example <c>GetAccessTokenAsync</c>).</param>
    /// <param name="patience">A real-time limit, so a broken test fails instead of hanging.</param>
    public async Task<T[]> CallWhileRefreshIsHeldAsync<T>(int callers, Func<Task<T>> call, TimeSpan patience)
    {
        var gate = HoldNextRefresh();
        var calls = Enumerable.Range(0, callers).Select(_ => call()).ToArray();
        await gate.Arrived.WaitAsync(patience).ConfigureAwait(false);
        gate.Release();
        return await Task.WhenAll(calls).WaitAsync(patience).ConfigureAwait(false);
    }

    /// <summary>
    /// Lets the next refresh request reach the server and be handled there (a rotating server
    /// consumes the refresh token), then drops the connection: the SDK gets an
    /// <see cref="HttpRequestException"/> and never sees the new tokens.
    /// </summary>
    public void DropNextRefreshResponse() => Volatile.Write(ref _dropNextRefreshResponse, 1);

    /// <summary>Creates a handler for one HttpClient pipeline (IHttpClientFactory builds pipelines more than once).</summary>
    public DelegatingHandler CreateHandler() => new Handler(this);

    /// <returns>The grant type of a token request, or <see langword="null"/> for other requests.</returns>
    private async Task<string?> ObserveAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post || request.Content is null)
        {
            return null;
        }

        var form = HttpUtility.ParseQueryString(await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        if (form["grant_type"] is not { } grantType)
        {
            return null;
        }

        _grantTypes.Enqueue(grantType);
        if (grantType == "refresh_token")
        {
            _refreshTokensSent.Enqueue(form["refresh_token"] ?? "");
            if (Interlocked.Exchange(ref _gate, null) is { } gate)
            {
                await gate.HoldAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return grantType;
    }

    private sealed class Handler(BackchannelProbe probe) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var grantType = await probe.ObserveAsync(request, cancellationToken).ConfigureAwait(false);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (grantType == "refresh_token" && Interlocked.Exchange(ref probe._dropNextRefreshResponse, 0) == 1)
            {
                response.Dispose();
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "Test: the connection dropped after the server handled the refresh.");
            }

            if (grantType is not null && probe.RewriteTokenResponse is { } rewrite && response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                response.Content = new StringContent(rewrite(grantType, body), System.Text.Encoding.UTF8, "application/json");
            }

            return response;
        }
    }
}
