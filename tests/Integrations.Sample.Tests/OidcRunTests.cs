using Integrations.TestSupport.Oidc;

namespace Integrations.Sample.Tests;

/// <summary>
/// The real-provider path against a real OpenID Connect server (panva/oidc-provider): the sample's
/// loopback listener, its browser step (played by <see cref="OidcTestBrowser"/>), a forced refresh,
/// the userinfo call through the integration HttpClient, and the disconnect with revocation.
/// </summary>
public sealed class OidcRunTests : IClassFixture<OidcRunTests.Server>
{
    private readonly Server _fixture;

    public OidcRunTests(Server fixture) => _fixture = fixture;

    [Fact]
    public async Task Run_against_a_real_OpenID_Connect_server_signs_in_refreshes_calls_userinfo_and_revokes()
    {
        var server = _fixture.Provider;
        var refreshes = await server.CountGrantsAsync("refresh_token");
        var codes = await server.CountGrantsAsync("authorization_code");
        using var browser = new OidcTestBrowser(server);

        var run = await SampleRun.StartAsync(
            browser,
            "--authority", server.IssuerString,
            "--client-id", OidcProviderServer.ClientId,
            "--client-secret", OidcProviderServer.ClientSecret,
            "--port", _fixture.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await browser.Completion.WaitAsync(SampleRun.Patience);

        run.AssertSucceeded();
        Assert.Equal($"http://127.0.0.1:{_fixture.Port}/callback", QueryValue(browser.OpenedUrl!, "redirect_uri"));
        Assert.Contains("Signed in. You can close this window", browser.CallbackPage, StringComparison.Ordinal);
        Assert.Contains(browser.OpenedUrl!.AbsoluteUri, run.Lines);
        run.AssertInOrder(
            "Step 1: Connect your account",
            "callback: http://127.0.0.1:",
            "✓ Connected: integration",
            "refresh token: yes",
            "Step 2: Show the connected account",
            "Test User alice",
            "alice@example.test",
            "Step 3: Refresh the access token",
            "event: TokenRefreshed",
            "✓ Refreshed",
            "Step 4: Call the provider's API through the resilient HttpClient",
            "<- 200 OK",
            "the provider answered for subject 'alice'",
            "Step 5: Disconnect",
            "event: Disconnected",
            "the user has 0 integrations left",
            "✓ Revoked at the provider: it answers 401 to the last access token now.",
            "Done: every step succeeded.");
        Assert.NotEqual(run.Value("old access token")[..19], run.Value("new access token")[..19]);

        // What the server saw: one code exchange and one refresh.
        Assert.Equal(codes + 1, await server.CountGrantsAsync("authorization_code"));
        Assert.Equal(refreshes + 1, await server.CountGrantsAsync("refresh_token"));
    }

    [Fact]
    public async Task Unreachable_authority_fails_with_exit_code_1_and_a_clear_message()
    {
        var run = await SampleRun.StartAsync(browser: null, "--authority", $"http://127.0.0.1:{LoopbackPort.Free()}", "--client-id", "any");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("✗ Failed: Could not read the provider's discovery document at http://127.0.0.1:", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Step 1", run.Output, StringComparison.Ordinal);
    }

    private static string? QueryValue(Uri url, string name) =>
        System.Web.HttpUtility.ParseQueryString(url.Query)[name];

    /// <summary>One oidc-provider whose clients accept the sample's redirect URI on a free port.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public int Port { get; } = LoopbackPort.Free();

        public OidcProviderServer Provider { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Provider = await OidcProviderServer.StartAsync(new OidcProviderSettings { RedirectUris = $"http://127.0.0.1:{Port}/callback" });

        public async Task DisposeAsync()
        {
            if (Provider is not null)
            {
                await Provider.DisposeAsync();
            }
        }
    }
}
