using System.Globalization;
using System.Web;
using Integrations.Sample;

namespace Integrations.Sample.Tests;

/// <summary>
/// <c>--provider strava</c> in-process against <see cref="FakeStrava"/> (no network): the sample's
/// real loopback listener on localhost, its browser step played by <see cref="StravaTestBrowser"/>,
/// and every Strava request checked on the fake's side.
/// </summary>
public sealed class StravaRunTests
{
    [Fact]
    public async Task Strava_run_connects_with_the_granted_scopes_lists_refreshes_syncs_shows_the_budget_and_deauthorizes()
    {
        using var strava = new FakeStrava();
        using var browser = new StravaTestBrowser("read,activity:read");
        var port = LoopbackPort.Free();

        var run = await StartAsync(strava, browser, port);
        await browser.Completion.WaitAsync(SampleRun.Patience);

        run.AssertSucceeded();

        // The authorization request: Strava's endpoint, the localhost redirect, comma-separated default scopes.
        var authorize = HttpUtility.ParseQueryString(browser.OpenedUrl!.Query);
        Assert.Equal("https://www.strava.com/oauth/authorize", browser.OpenedUrl.GetLeftPart(UriPartial.Path));
        Assert.Equal($"http://localhost:{port}/callback", authorize["redirect_uri"]);
        Assert.Equal("read,activity:read_all", authorize["scope"]);
        Assert.Equal(FakeStrava.ClientId, authorize["client_id"]);
        Assert.Equal("auto", authorize["approval_prompt"]);
        Assert.Contains(browser.OpenedUrl.AbsoluteUri, run.Lines);
        Assert.Contains("Signed in. You can close this window", browser.CallbackPage, StringComparison.Ordinal);

        // What Strava saw: one code exchange with the browser's code, one refresh with the first
        // refresh token, the activities (5 most recent, then the sync's pages of 200 until an empty
        // one), one deauthorization with the current access token.
        var exchange = Assert.Single(strava.CodeExchanges);
        Assert.Equal(StravaTestBrowser.Code, exchange["code"]);
        Assert.Equal(FakeStrava.ClientSecret, exchange["client_secret"]);
        var refresh = Assert.Single(strava.Refreshes);
        Assert.Equal(FakeStrava.RefreshToken, refresh["refresh_token"]);
        Assert.Equal([(1, 5, null), (1, 200, null), (2, 200, null)], strava.ActivityPages);
        Assert.Equal(FakeStrava.AccessToken, Assert.Single(strava.Deauthorizations)["access_token"]);

        run.AssertInOrder(
            "Step 1: Connect your Strava account",
            $"callback: http://localhost:{port}/callback?state=…&code=…&scope=…",
            "event: Connected",
            "✓ Connected: integration",
            "requested scopes: read,activity:read_all",
            "granted scopes: read,activity:read",
            "! The athlete unticked activity:read_all.",
            "Step 2: Show the athlete",
            "Meow TheCat",
            "1234567890987654321",
            "city (raw athlete JSON): San Francisco",
            "Step 3: List your 5 most recent activities",
            "<- 200 OK",
            "Happyish",
            "Bondcliff",
            "Happy Friday",
            "Without activity:read_all Strava leaves out",
            "Step 4: Refresh the access token",
            "-> POST https://www.strava.com/oauth/token",
            "event: TokenRefreshed",
            "✓ Strava returned the same access token",
            "✓ Strava rotated the refresh token",
            "Step 5: Sync your activities into the app",
            "pull: 3 items, page 1",
            "pull: 3 items, page 2",
            "Step 6: Your application's rate-limit budget",
            "Step 7: Disconnect (deauthorize)",
            "-> POST https://www.strava.com/oauth/deauthorize",
            "event: Disconnected",
            "the user has 0 integrations left",
            "✓ Deauthorized at Strava: it answers 401 to the last access token now.",
            "Done: every step succeeded.");

        // The activity table: Strava's metres and seconds as km and h:mm:ss, the start in local time there.
        var listed = run.Step("List your 5 most recent activities");
        listed.AssertInOrder("Happyish", "MountainBikeRide", "2018-05-02 05:15", "24.93 km", "1:15:00");
        listed.AssertInOrder("Happy Friday", "MountainBikeRide", "2018-02-16 06:52", "28.10 km", "1:10:07");

        // Refresh: Strava kept the access token and rotated the refresh token; only fingerprints are shown.
        var refreshed = run.Step("Refresh the access token");
        Assert.Equal(Hash(refreshed.Value("old access token")), Hash(refreshed.Value("new access token")));
        Assert.NotEqual(Hash(refreshed.Value("old refresh token")), Hash(refreshed.Value("new refresh token")));
        Assert.Matches(@"^sha256:[0-9a-f]{12} \(\d+ chars\)$", refreshed.Value("new refresh token"));

        var synced = run.Step("Sync your activities into the app");
        Assert.StartsWith("Succeeded, full sync, 2 pages read", synced.Value("status"), StringComparison.Ordinal);
        Assert.Equal("processed 3, created 3, updated 0, deleted 0, skipped 0, failed 0", synced.Value("local (the host's table)"));
        Assert.Equal("processed 0, created 0, updated 0, deleted 0, skipped 0, failed 0", synced.Value("remote (the provider)"));
        Assert.Equal($"(none) -> {new DateTimeOffset(2018, 5, 2, 12, 15, 9, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}", synced.Value("cursor"));
        Assert.Contains("✓ The app holds all 3 activities: 76.71 km, 3:55:07 moving; the newest 'Happyish' on 2018-05-02.", synced.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("push:", synced.Output, StringComparison.Ordinal);

        // The budget as the fake's headers left it: three API requests in this window, 40 more earlier today.
        var budget = run.Step("Your application's rate-limit budget");
        Assert.Equal("3 of 200 requests", budget.Value("overall, this 15 minutes"));
        Assert.Equal("43 of 2000 requests", budget.Value("overall, today (UTC)"));
        Assert.Equal("3 of 100 requests", budget.Value("read, this 15 minutes"));
        Assert.Equal("43 of 1000 requests", budget.Value("read, today (UTC)"));
        Assert.Equal("may go now", budget.Value("next read request"));

        // No secret reaches the output: tokens, the code, the client secret.
        foreach (var secret in new[] { FakeStrava.AccessToken, FakeStrava.RefreshToken, FakeStrava.RotatedRefreshToken, StravaTestBrowser.Code, FakeStrava.ClientSecret })
        {
            Assert.DoesNotContain(secret, run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_activity_read_the_activity_steps_say_why_they_are_skipped_and_send_nothing()
    {
        using var strava = new FakeStrava();
        using var browser = new StravaTestBrowser("read");

        var run = await StartAsync(strava, browser, LoopbackPort.Free());
        await browser.Completion.WaitAsync(SampleRun.Patience);

        run.AssertSucceeded();
        Assert.Empty(strava.ActivityPages);
        Assert.Single(strava.Refreshes);
        Assert.Single(strava.Deauthorizations);
        Assert.Equal("read", run.Value("granted scopes"));
        run.AssertInOrder(
            "! The athlete unticked activity:read_all.",
            "Step 3: List your 5 most recent activities",
            "! Skipped: the athlete did not grant activity:read.",
            "Step 4: Refresh the access token",
            "Step 5: Sync your activities into the app",
            "! Skipped: the athlete did not grant activity:read.",
            "Step 6: Your application's rate-limit budget",
            "Step 7: Disconnect (deauthorize)",
            "Done: every step succeeded.");
    }

    [Fact]
    public async Task Strava_scopes_are_read_with_commas_and_sent_as_asked()
    {
        using var strava = new FakeStrava();
        using var browser = new StravaTestBrowser("read,activity:read_all,activity:write");

        var run = await StartAsync(strava, browser, LoopbackPort.Free(), "--scope", "read,activity:read_all", "activity:write");
        await browser.Completion.WaitAsync(SampleRun.Patience);

        run.AssertSucceeded();
        Assert.Equal("read,activity:read_all,activity:write", HttpUtility.ParseQueryString(browser.OpenedUrl!.Query)["scope"]);
        Assert.Equal("read,activity:read_all,activity:write", run.Value("granted scopes"));
        Assert.Contains("✓ The athlete granted every requested scope.", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Without activity:read_all", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_the_run_while_it_waits_for_Strava_exits_with_130_and_sends_nothing()
    {
        using var strava = new FakeStrava();
        using var cancel = new CancellationTokenSource();

        // The user presses Ctrl+C instead of authorizing in the browser.
        var run = await StartAsync(strava, new StopsInsteadOfAuthorizing(cancel), LoopbackPort.Free(), cancel.Token);

        Assert.Equal(130, run.ExitCode);
        run.AssertInOrder("Step 1: Connect your Strava account", "Waiting up to 5 minutes for Strava", "✗ Failed: Cancelled.");
        Assert.Empty(strava.CodeExchanges);
        Assert.DoesNotContain("Step 2", run.Output, StringComparison.Ordinal);
    }

    private static Task<SampleRun> StartAsync(FakeStrava strava, IBrowser browser, int port, params string[] args) =>
        StartAsync(strava, browser, port, CancellationToken.None, args);

    private static Task<SampleRun> StartAsync(FakeStrava strava, IBrowser browser, int port, CancellationToken cancellationToken, params string[] args) =>
        SampleRun.StartAsync(
            browser,
            strava.Configure,
            cancellationToken,
            [
                "--provider", "strava",
                "--client-id", FakeStrava.ClientId,
                "--client-secret", FakeStrava.ClientSecret,
                "--port", port.ToString(CultureInfo.InvariantCulture),
                .. args,
            ]);

    /// <summary>The fingerprint's hash, without the length and expiry.</summary>
    private static string Hash(string fingerprint) => fingerprint[..19];

    private sealed class StopsInsteadOfAuthorizing(CancellationTokenSource cancel) : IBrowser
    {
        public async Task<bool> OpenAsync(Uri url, CancellationToken cancellationToken)
        {
            await cancel.CancelAsync();
            return false;
        }
    }
}
