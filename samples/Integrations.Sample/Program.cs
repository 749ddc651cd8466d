using System.CommandLine;

namespace Integrations.Sample;

/// <summary>
/// The sample's command line. <c>dotnet run --project samples/Integrations.Sample</c> runs the
/// offline sandbox tour; <c>--authority</c> switches to a real OpenID Connect provider;
/// <c>--store postgres</c> keeps everything in PostgreSQL instead of memory. The flows live in
/// SandboxFlow.cs, SyncFlow.cs and OidcFlow.cs; SampleHost.cs shows how a host wires the SDK.
/// </summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => RunAsync(args, Console.Out);

    /// <summary>Parses <paramref name="args"/>, runs the chosen flow and returns the process exit code.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Where everything is printed (the console, or a test's writer).</param>
    /// <param name="browser">Opens the authorization URL of a real provider; default the system browser.</param>
    /// <param name="cancellationToken">Stops the run (Ctrl+C is wired to it by System.CommandLine).</param>
    /// <returns>0 on success, 1 when a step failed, 2 for invalid options.</returns>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, IBrowser? browser = null, CancellationToken cancellationToken = default)
    {
        var authority = new Option<string?>("--authority")
        {
            Description = "Issuer URL of a real OpenID Connect provider (e.g. https://accounts.google.com). Without it the sample uses the offline sandbox.",
        };
        var clientId = new Option<string?>("--client-id") { Description = "Your application's client id at that provider." };
        var clientSecret = new Option<string?>("--client-secret") { Description = "Your application's client secret (omit for a public client)." };
        var scopes = new Option<string[]>("--scope")
        {
            Description = "A scope to request; repeat it or separate scopes with spaces. Default: openid profile email (+ offline access).",
            AllowMultipleArgumentsPerToken = true,
        };
        var port = new Option<int>("--port")
        {
            Description = "Loopback port of the redirect listener; register http://127.0.0.1:{port}/callback at the provider.",
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
            + "sync a resource both ways (sandbox only), disconnect.")
        {
            authority, clientId, clientSecret, scopes, port, noBrowser, store, connection, verbose, syncItems,
        };

        // Combinations the option types cannot express; System.CommandLine prints these with the usage.
        root.Validators.Add(result =>
        {
            if (result.GetValue(authority) is not null && string.IsNullOrWhiteSpace(result.GetValue(clientId)))
            {
                result.AddError("--authority needs --client-id (and usually --client-secret).");
            }

            if (result.GetValue(authority) is null && (result.GetValue(clientId) ?? result.GetValue(clientSecret)) is not null)
            {
                result.AddError("--client-id and --client-secret need --authority.");
            }

            // A real provider has no sandbox resource to seed.
            if (result.GetValue(authority) is not null && result.GetResult(syncItems) is { Implicit: false })
            {
                result.AddError("--sync-items applies to the sandbox only (without --authority).");
            }

            // The raw token: GetValue would throw for a value AcceptOnlyFromAmong rejects.
            if (result.GetResult(store)?.Tokens is [{ Value: "postgres" }] && string.IsNullOrWhiteSpace(result.GetValue(connection)))
            {
                result.AddError("--store postgres needs --connection \"Host=...;Database=...;Username=...;Password=...\".");
            }
        });

        root.SetAction(async (parse, token) =>
        {
            var options = new SampleOptions
            {
                Authority = parse.GetValue(authority),
                ClientId = parse.GetValue(clientId),
                ClientSecret = parse.GetValue(clientSecret),
                Scopes = [.. (parse.GetValue(scopes) ?? []).SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries))],
                Port = parse.GetValue(port),
                Store = parse.GetValue(store) == "postgres" ? SampleStore.Postgres : SampleStore.Memory,
                Connection = parse.GetValue(connection),
                Verbose = parse.GetValue(verbose),
                SyncItems = parse.GetValue(syncItems),
            };
            var console = new SampleConsole(output);
            var chosenBrowser = browser ?? (parse.GetValue(noBrowser) ? new PrintOnlyBrowser() : new SystemBrowser());
            return await RunFlowAsync(options, console, chosenBrowser, token);
        });

        var parsed = root.Parse(args);
        var exit = await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = output }, cancellationToken);

        // Parse errors come back as 1 from System.CommandLine; tell them apart from a failed step.
        return parsed.Errors.Count > 0 ? 2 : exit;
    }

    private static async Task<int> RunFlowAsync(SampleOptions options, SampleConsole console, IBrowser browser, CancellationToken cancellationToken)
    {
        if (options.Authority is null)
        {
            console.Title(
                "Integrations SDK sample: the sandbox provider",
                "No account, no network: a strict OAuth 2.0 server runs inside this process. "
                + "Use --authority/--client-id/--client-secret for a real OpenID Connect provider (--help).");
        }
        else
        {
            console.Title(
                $"Integrations SDK sample: {options.Authority}",
                "A real OpenID Connect provider: you sign in in your browser, and the provider sends you back to a listener on this machine.");
        }

        try
        {
            await using var host = await SampleHost.StartAsync(options, console, cancellationToken);
            if (options.Authority is null)
            {
                await new SandboxFlow(host, console).RunAsync(cancellationToken);
            }
            else
            {
                await new OidcFlow(host, console, options, browser).RunAsync(cancellationToken);
            }

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
