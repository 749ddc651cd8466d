namespace Integrations.Sample;

/// <summary>
/// The browser step of a real provider's connect: print the authorization URL, open it, and wait
/// for the provider to redirect the browser to the loopback listener. A web host redirects the
/// user's browser instead and receives the callback on its own endpoint.
/// </summary>
internal static class BrowserSignIn
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Returns the callback URL the browser requested (with <c>code</c> and <c>state</c>, or <c>error</c>).</summary>
    /// <param name="console">Where the URL and the waiting message go.</param>
    /// <param name="browser">Opens the URL.</param>
    /// <param name="listener">Receives the redirect.</param>
    /// <param name="authorizationUrl">The URL from <c>BeginConnectAsync</c>.</param>
    /// <param name="prompt">What the user does there ("Sign in with this URL").</param>
    /// <param name="provider">Who redirects back ("the provider", "Strava").</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public static async Task<Uri> WaitForCallbackAsync(
        SampleConsole console, IBrowser browser, LoopbackCallbackListener listener, Uri authorizationUrl, string prompt, string provider, CancellationToken cancellationToken)
    {
        console.Url(prompt, authorizationUrl);
        var opened = await browser.OpenAsync(authorizationUrl, cancellationToken);
        console.Say((opened ? "Opened it in your browser." : "Open it in a browser on this machine.")
            + $" Waiting up to {Timeout.TotalMinutes:0} minutes for {provider} to redirect to {listener.RedirectUri}...");

        var callback = await listener.WaitForCallbackAsync(Timeout, cancellationToken);
        console.Detail("callback", Show.Redacted(callback));
        return callback;
    }
}
