using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Integrations.TestSupport.Oidc;

/// <summary>
/// A real, certified OpenID Connect server (panva/oidc-provider, configured in tests/oidc-provider)
/// running as a Node process on a free loopback port. Installs its npm packages on first use.
/// Its event log is captured so tests can count what the server really saw (for example
/// <c>grant.success: refresh_token</c>).
/// </summary>
public sealed partial class OidcProviderServer : IAsyncDisposable
{
    public const string ClientId = "sdk-client";
    public const string PostClientId = "sdk-client-post";
    public const string PublicClientId = "sdk-public";
    public const string ClientSecret = "sdk-client-secret";
    public static readonly Uri RedirectUri = new("http://127.0.0.1:5599/callback");

    /// <summary>A real-time limit on waiting for the server, so a broken test fails instead of hanging.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Logged by every token request with an unknown grant type: the marker SyncLogAsync waits for.
    private const string LogMarker = "grant.error: unsupported_grant_type";

    private readonly Process _process;
    private readonly List<string> _log = [];
    private readonly Lock _logGate = new();
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private OidcProviderServer(Process process, Uri issuer, OidcProviderSettings settings)
    {
        _process = process;
        Issuer = issuer;
        Settings = settings;
        _http = new HttpClient { BaseAddress = issuer, Timeout = Patience };
    }

    /// <summary>The settings the server runs with.</summary>
    public OidcProviderSettings Settings { get; }

    /// <summary>How long the server's access tokens live.</summary>
    public TimeSpan AccessTokenLifetime => TimeSpan.FromSeconds(Settings.AccessTokenTtlSeconds);

    /// <summary>The issuer and base URL, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public Uri Issuer { get; }

    /// <summary>The issuer as the exact string the server puts in <c>iss</c>.</summary>
    public string IssuerString => Issuer.GetLeftPart(UriPartial.Authority);

    /// <summary>Lines the server printed so far.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_logGate)
            {
                return _log.ToList();
            }
        }
    }

    /// <summary>
    /// How many successful grants of a type (<c>authorization_code</c>, <c>refresh_token</c>) the
    /// server logged so far. The log arrives through a pipe: call <see cref="CountGrantsAsync"/> to
    /// count everything the server did before now.
    /// </summary>
    public int CountGrants(string grantType) =>
        CountLines($"grant.success: {grantType} ");

    /// <summary>Waits until the log holds every line the server printed before this call (<see cref="SyncLogAsync"/>), then counts grants of a type.</summary>
    public async Task<int> CountGrantsAsync(string grantType, CancellationToken cancellationToken = default)
    {
        await SyncLogAsync(cancellationToken).ConfigureAwait(false);
        return CountGrants(grantType);
    }

    /// <summary>How many log lines read so far contain <paramref name="fragment"/> (for example a <c>[detail: …]</c> text).</summary>
    public int CountLines(string fragment) => Log.Count(l => l.Contains(fragment, StringComparison.Ordinal));

    /// <summary>
    /// Waits until every line the server printed before this call has been read. Sends a token
    /// request with an unknown grant type, which the server logs, and waits for that line: the
    /// server handles requests and writes its log in order, so every earlier line is in by then.
    /// </summary>
    public async Task SyncLogAsync(CancellationToken cancellationToken = default)
    {
        var before = CountLines(LogMarker);
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/token"))
        {
            request.Headers.Authorization = BasicCredentials(ClientId, ClientSecret);
            request.Content = new FormUrlEncodedContent([new("grant_type", "urn:integrations:test:log-marker")]);
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        await WaitForLogAsync(() => CountLines(LogMarker) > before, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a server and waits until it listens.</summary>
    public static async Task<OidcProviderServer> StartAsync(OidcProviderSettings? settings = null, CancellationToken cancellationToken = default)
    {
        settings ??= new OidcProviderSettings();
        var directory = await OidcProviderInstallation.EnsureInstalledAsync(cancellationToken).ConfigureAwait(false);
        var port = FreeLoopbackPort();
        var issuer = new Uri($"http://127.0.0.1:{port}");

        var startInfo = new ProcessStartInfo("node", "server.mjs")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["ACCESS_TOKEN_TTL"] = settings.AccessTokenTtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["REFRESH_TOKEN_POLICY"] = settings.RefreshTokenPolicy;
        startInfo.Environment["REDIRECT_URIS"] = settings.RedirectUris;
        startInfo.Environment["CLOCK_TOLERANCE"] = "0";
        startInfo.Environment["LOG_EVENTS"] = "1";

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node.");
        var server = new OidcProviderServer(process, issuer, settings);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            server.Append(e.Data);
            if (e.Data.StartsWith("oidc-provider listening", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                server.Append("stderr: " + e.Data);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            "oidc-provider exited before listening:\n" + string.Join('\n', server.Log)));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Creates a browser that logs in and consents on this server's dev interaction pages.</summary>
    public OidcBrowser CreateBrowser() => new(Issuer);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Append(string line)
    {
        TaskCompletionSource appended;
        lock (_logGate)
        {
            _log.Add(line);
            appended = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        appended.TrySetResult();
    }

    private async Task WaitForLogAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        while (true)
        {
            Task appended;
            lock (_logGate)
            {
                appended = _appended.Task;
            }

            if (condition())
            {
                return;
            }

            try
            {
                await appended.WaitAsync(patience.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("oidc-provider did not log the expected line in time. Log:\n" + string.Join('\n', Log));
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
