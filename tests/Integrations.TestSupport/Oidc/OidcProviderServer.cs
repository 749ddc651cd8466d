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

    private readonly Process _process;
    private readonly List<string> _log = [];
    private readonly Lock _logGate = new();

    private OidcProviderServer(Process process, Uri issuer)
    {
        _process = process;
        Issuer = issuer;
    }

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

    /// <summary>How many successful grants of a type (<c>authorization_code</c>, <c>refresh_token</c>) the server issued.</summary>
    public int CountGrants(string grantType) =>
        Log.Count(l => l.Contains($"grant.success: {grantType} ", StringComparison.Ordinal));

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
        var server = new OidcProviderServer(process, issuer);
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
        lock (_logGate)
        {
            _log.Add(line);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
