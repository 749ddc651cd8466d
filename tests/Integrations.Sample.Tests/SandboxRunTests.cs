namespace Integrations.Sample.Tests;

/// <summary>The default run: the sandbox, in memory, no account, no network.</summary>
public sealed class SandboxRunTests
{
    [Fact]
    public async Task Default_run_connects_refreshes_retries_syncs_and_disconnects_and_exits_zero()
    {
        var run = await SampleRun.StartAsync(browser: null);

        run.AssertSucceeded();
        run.AssertInOrder(
            "Step 1: Connect a sandbox account",
            "event: Connected",
            "✓ Connected: integration",
            "Step 2: Show the connected account",
            "sandbox.user@example.test",
            "Step 3: Let the access token expire, then refresh it",
            "✓ The sandbox rejects the old access token now",
            "event: TokenRefreshed",
            "✓ Refreshed",
            "Step 4: Call the provider's API through the resilient HttpClient",
            "<- 503 Service Unavailable",
            "retry 1",
            "<- 429 Too Many Requests (Retry-After: 1 s)",
            "retry 2",
            "<- 200 OK",
            "✓ 200 OK after 3 attempts",
            "Welcome to the sandbox",
            "Step 5: Sync: the initial pull, with a progress bar",
            "Step 6: Change both sides, then preview the sync with a dry run",
            "Step 7: Sync both ways: edits, deletions and a conflict",
            "Step 8: Sync once more: the engine's own writes do not come back",
            "Step 9: The sync history",
            "Step 10: Disconnect",
            "event: Disconnected",
            "active grants at the sandbox: 1 -> 0",
            "last access token: rejected by the sandbox",
            "the user has 0 integrations left",
            "Done: every step succeeded.");
    }

    [Fact]
    public async Task Refresh_step_shows_two_different_fingerprints_and_never_a_token()
    {
        var issued = new IssuedTokenRecorder();
        var run = await SampleRun.StartAsync(browser: null, issued.AddTo, CancellationToken.None);

        run.AssertSucceeded();
        var before = run.Value("old access token");
        var after = run.Value("new access token");
        Assert.Matches(@"^sha256:[0-9a-f]{12} \(\d+ chars\), expires ", before);
        Assert.Matches(@"^sha256:[0-9a-f]{12} \(\d+ chars\), expires ", after);
        Assert.NotEqual(before[..19], after[..19]);
        Assert.Equal("1", run.Value("refresh requests to the token endpoint"));
        Assert.DoesNotContain("Bearer ", run.Output, StringComparison.Ordinal);
        Assert.True(issued.Tokens.Count >= 4, $"Expected the connect and the refresh to issue access and refresh tokens; saw {issued.Tokens.Count}.");
        Assert.All(issued.Tokens, token => Assert.DoesNotContain(token, run.Output, StringComparison.Ordinal));
        Assert.DoesNotContain("code=", run.Output.Replace("code=…", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--store postgres needs --connection", "--store", "postgres")]
    [InlineData("--authority needs --client-id", "--authority", "https://accounts.google.com")]
    [InlineData("--client-id and --client-secret need --authority", "--client-id", "abc")]
    [InlineData("--port must be between 1 and 65535", "--port", "0")]
    [InlineData("Argument 'sqlite' not recognized", "--store", "sqlite")]
    [InlineData("--sync-items must be between 20 and 200000", "--sync-items", "5")]
    [InlineData("--sync-items applies to the sandbox only", "--authority", "https://accounts.google.com", "--client-id", "abc", "--sync-items", "100")]
    [InlineData("--sync-items applies to the sandbox only", "--provider", "strava", "--client-id", "1", "--client-secret", "s", "--sync-items", "100")]
    [InlineData("--provider strava needs --client-id and --client-secret", "--provider", "strava")]
    [InlineData("--provider strava needs --client-id and --client-secret", "--provider", "strava", "--client-id", "12345")]
    [InlineData("--authority is for --provider oidc; --provider strava takes none", "--provider", "strava", "--client-id", "1", "--client-secret", "s", "--authority", "https://accounts.google.com")]
    [InlineData("--authority is for --provider oidc; --provider sandbox takes none", "--provider", "sandbox", "--authority", "https://accounts.google.com", "--client-id", "abc")]
    [InlineData("--provider oidc needs --authority", "--provider", "oidc", "--client-id", "abc")]
    [InlineData("--client-id and --client-secret need --authority (OpenID Connect) or --provider strava", "--provider", "sandbox", "--client-secret", "s")]
    [InlineData("Argument 'garmin' not recognized", "--provider", "garmin")]
    public async Task Invalid_options_exit_with_2_and_say_what_is_wrong(string message, params string[] args)
    {
        var run = await SampleRun.StartAsync(browser: null, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Step 1", run.Output, StringComparison.Ordinal);
    }
}
