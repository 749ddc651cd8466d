using System.CommandLine;

namespace Integrations.Sample;

/// <summary>
/// The sample's command line. <c>dotnet run --project samples/Integrations.Sample</c> runs the
/// offline sandbox tour; <c>--authority</c> switches to a real OpenID Connect provider and
/// <c>--provider strava</c> to Strava; <c>--store postgres</c> keeps everything in PostgreSQL
/// instead of memory. The flows live in SandboxFlow.cs, SyncFlow.cs, OidcFlow.cs and
/// StravaFlow.cs; SampleHost.cs shows how a host wires the SDK.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        // Ctrl+C cancels the run's token, so a flow stops cleanly (listener closed, host disposed)
        // and exits with 130. A second Ctrl+C ends the process at once.
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        };
        return await RunAsync(args, Console.Out, cancellationToken: cancel.Token);
    }

    /// <summary>Parses <paramref name="args"/>, runs the chosen flow and returns the process exit code.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Where everything is printed (the console, or a test's writer).</param>
    /// <param name="browser">Opens the authorization URL of a real provider; default the system browser.</param>
    /// <param name="configureHost">
    /// For the smoke tests only: runs last on the host's registrations (to point the provider's
    /// HttpClients at a fake and to pin the clock). The sample itself never passes it.
    /// </param>
    /// <param name="cancellationToken">Stops the run (Ctrl+C is wired to it by System.CommandLine).</param>
    /// <returns>0 on success, 1 when a step failed, 2 for invalid options, 130 when cancelled.</returns>
    internal static async Task<int> RunAsync(
        string[] args, TextWriter output, IBrowser? browser = null, Action<IIntegrationsBuilder>? configureHost = null, CancellationToken cancellationToken = default)
    {
        var provider = new Option<string?>("--provider")
        {
            Description = "sandbox (default: offline, no account), oidc (any OpenID Connect provider; implied by --authority) or strava (your Strava API application).",
        };
        provider.AcceptOnlyFromAmong("sandbox", "oidc", "strava");
        var authority = new Option<string?>("--authority")
        {
            Description = "Issuer URL of a real OpenID Connect provider (e.g. https://accounts.google.com). Without it the sample uses the offline sandbox.",
        };
        var clientId = new Option<string?>("--client-id") { Description = "Your application's client id at that provider (Strava: the Client ID at strava.com/settings/api)." };
        var clientSecret = new Option<string?>("--client-secret") { Description = "Your application's client secret (omit for a public OpenID Connect client; Strava needs it)." };
        var scopes = new Option<string[]>("--scope")
        {
            Description = "A scope to request; repeat it or separate scopes with spaces (Strava: also commas). "
                + "Default: openid profile email (+ offline access); Strava: read,activity:read_all.",
            AllowMultipleArgumentsPerToken = true,
        };
        var port = new Option<int>("--port")
        {
            Description = "Loopback port of the redirect listener: http://127.0.0.1:{port}/callback (register it at an OpenID Connect provider) "
                + "or http://localhost:{port}/callback (Strava: Authorization Callback Domain localhost).",
            DefaultValueFactory = _ => 5599,
        };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 65535)
            {
                result.AddError("--port must be between 1 and 65535.");
            }
        });
        var noBrowser = new Option<bool>("--no-browser") { Description = "Only print the sign-in URL instead of opening the system browser." };
        var store = new Option<string>("--store")
        {
            Description = "Where integrations and tokens are kept: memory (default) or postgres.",
            DefaultValueFactory = _ => "memory",
        };
        store.AcceptOnlyFromAmong("memory", "postgres");
        var connection = new Option<string?>("--connection")
        {
            Description = "Npgsql connection string for --store postgres, e.g. \"Host=localhost;Database=integrations;Username=app;Password=...\".",
        };
        var verbose = new Option<bool>("--verbose") { Description = "Also print the SDK's informational log messages." };
        var syncItems = new Option<int>("--sync-items")
        {
            Description = $"How many items the sandbox's synced resource holds before the initial sync ({SyncScenario.MinItemCount} to {SyncScenario.MaxItemCount}).",
            DefaultValueFactory = _ => SyncScenario.DefaultItemCount,
        };
        syncItems.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < SyncScenario.MinItemCount or > SyncScenario.MaxItemCount)
            {
                result.AddError($"--sync-items must be between {SyncScenario.MinItemCount} and {SyncScenario.MaxItemCount}.");
            }
        });

        var root = new RootCommand(
            "Integrations SDK sample: connect an account, show its profile, refresh its token, call an API through the resilient HttpClient, "
            + "sync a resource (both ways with the sandbox, Strava's activities into the app), disconnect.")
        {
            provider, authority, clientId, clientSecret, scopes, port, noBrowser, store, connection, verbose, syncItems,
        };

        // Combinations the option types cannot express; System.CommandLine prints these with the usage.
        root.Validators.Add(result =>
        {
            // The raw token: GetValue would throw for a value AcceptOnlyFromAmong rejects.
            var chosen = result.GetResult(provider)?.Tokens is [{ Value: var name }] ? name : null;
            var hasAuthority = result.GetValue(authority) is not null;
            var hasCredentials = (result.GetValue(clientId) ?? result.GetValue(clientSecret)) is not null;
            if ((chosen is "sandbox" or "strava") && hasAuthority)
            {
                result.AddError($"--authority is for --provider oidc; --provider {chosen} takes none.");
            }
            else if (chosen == "oidc" && !hasAuthority)
            {
                result.AddError("--provider oidc needs --authority (the issuer URL, e.g. https://accounts.google.com).");
            }

            if (hasAuthority && (chosen is null or "oidc") && string.IsNullOrWhiteSpace(result.GetValue(clientId)))
            {
                result.AddError("--authority needs --client-id (and usually --client-secret).");
            }

            if (chosen == "strava" && (string.IsNullOrWhiteSpace(result.GetValue(clientId)) || string.IsNullOrWhiteSpace(result.GetValue(clientSecret))))
            {
                result.AddError("--provider strava needs --client-id and --client-secret (the Client ID and Client Secret at https://www.strava.com/settings/api).");
            }

            if (!hasAuthority && (chosen is null or "sandbox") && hasCredentials)
            {
                result.AddError("--client-id and --client-secret need --authority (OpenID Connect) or --provider strava.");
            }

            // A real provider has no sandbox resource to seed.
            if ((hasAuthority || chosen is "oidc" or "strava") && result.GetResult(syncItems) is { Implicit: false })
            {
                result.AddError("--sync-items applies to the sandbox only.");
            }

            // The raw token: GetValue would throw for a value AcceptOnlyFromAmong rejects.
            if (result.GetResult(store)?.Tokens is [{ Value: "postgres" }] && string.IsNullOrWhiteSpace(result.GetValue(connection)))
            {
                result.AddError("--store postgres needs --connection \"Host=...;Database=...;Username=...;Password=...\".");
            }
        });

        root.SetAction(async (parse, token) =>
        {
            var chosen = parse.GetValue(provider) switch
            {
                "strava" => SampleProvider.Strava,
                "oidc" => SampleProvider.Oidc,
                "sandbox" => SampleProvider.Sandbox,
                _ => parse.GetValue(authority) is null ? SampleProvider.Sandbox : SampleProvider.Oidc,
            };

            // Strava writes scopes with commas (read,activity:read_all); OpenID Connect with spaces.
            char[] separators = chosen == SampleProvider.Strava ? [' ', ','] : [' '];
            var options = new SampleOptions
            {
                Provider = chosen,
                Authority = parse.GetValue(authority),
                ClientId = parse.GetValue(clientId),
                ClientSecret = parse.GetValue(clientSecret),
                Scopes = [.. (parse.GetValue(scopes) ?? []).SelectMany(s => s.Split(separators, StringSplitOptions.RemoveEmptyEntries))],
                Port = parse.GetValue(port),
                Store = parse.GetValue(store) == "postgres" ? SampleStore.Postgres : SampleStore.Memory,
                Connection = parse.GetValue(connection),
                Verbose = parse.GetValue(verbose),
                SyncItems = parse.GetValue(syncItems),
            };
            var console = new SampleConsole(output);
            var chosenBrowser = browser ?? (parse.GetValue(noBrowser) ? new PrintOnlyBrowser() : new SystemBrowser());
            return await RunFlowAsync(options, console, chosenBrowser, configureHost, token);
        });

        var parsed = root.Parse(args);
        var exit = await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, cancellationToken);

        // Parse errors come back as 1 from System.CommandLine; tell them apart from a failed step.
        return parsed.Errors.Count > 0 ? 2 : exit;
    }

    private static async Task<int> RunFlowAsync(
        SampleOptions options, SampleConsole console, IBrowser browser, Action<IIntegrationsBuilder>? configureHost, CancellationToken cancellationToken)
    {
        switch (options.Provider)
        {
            case SampleProvider.Sandbox:
                console.Title(
                    "Integrations SDK sample: the sandbox provider",
                    "No account, no network: a strict OAuth 2.0 server runs inside this process. "
                    + "Use --authority/--client-id/--client-secret for a real OpenID Connect provider, --provider strava for Strava (--help).");
                break;
            case SampleProvider.Oidc:
                console.Title(
                    $"Integrations SDK sample: {options.Authority}",
                    "A real OpenID Connect provider: you sign in in your browser, and the provider sends you back to a listener on this machine.");
                break;
            default:
                console.Title(
                    "Integrations SDK sample: Strava",
                    "Your Strava account: you authorize your Strava API application in your browser, and Strava sends you back to a listener on this machine "
                    + "(the application's Authorization Callback Domain must be localhost).");
                break;
        }

        try
        {
            await using var host = await SampleHost.StartAsync(options, console, configureHost, cancellationToken);
            var flow = options.Provider switch
            {
                SampleProvider.Sandbox => new SandboxFlow(host, console).RunAsync(cancellationToken),
                SampleProvider.Oidc => new OidcFlow(host, console, options, browser).RunAsync(cancellationToken),
                _ => new StravaFlow(host, console, options, browser).RunAsync(cancellationToken),
            };
            await flow;

            console.Done();
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Failed("Cancelled.");
            return 130;
        }
        catch (IntegrationException ex)
        {
            // The SDK's typed error: the code says what a host would do about it.
            console.Failed($"{ex.Code}{(ex.IsTransient ? " (transient)" : "")}: {ex.Message}");
            return 1;
        }
        catch (SampleException ex)
        {
            console.Failed(ex.Message);
            return 1;
        }
        catch (Exception ex)
        {
            // Anything else (network, database, listener): a sample must say what broke, not crash.
            console.Failed($"{ex.GetType().Name}: {ex.Message}");
            return 1;
        }
    }
}
