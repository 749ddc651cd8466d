using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Integrations.TestSupport.Postgres;

/// <summary>
/// A PostgreSQL server for tests: the one named by <c>INTEGRATIONS_TEST_POSTGRES</c> (a connection
/// string with the right to create databases) when that is set, otherwise a throw-away server this
/// process starts itself: <c>initdb</c> into a new temporary directory, a free loopback port, run
/// as the <c>postgres</c> user when the process is root, and stopped (and its directory deleted) when
/// the process exits, or by a watchdog if the process dies without exiting cleanly.
/// One server per process; every test class takes a database of its own (<see cref="PostgresDatabase"/>).
/// </summary>
public sealed class PostgresServer
{
    /// <summary>The environment variable holding a connection string to an existing server.</summary>
    public const string ConnectionStringVariable = "INTEGRATIONS_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private PostgresServer(string adminConnectionString, string description)
    {
        AdminConnectionString = adminConnectionString;
        Description = description;
    }

    /// <summary>A connection string to the server's maintenance database, as a superuser (or a role that can create databases).</summary>
    public string AdminConnectionString { get; }

    /// <summary>Where the server came from, for test output.</summary>
    public string Description { get; }

    /// <summary>Returns the process's server, starting it on first use.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>Creates an empty database with a unique name and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}".ToLowerInvariant();
        await ExecuteAdminAsync($"CREATE DATABASE \"{name}\"", cancellationToken);
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections first.</summary>
    public async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", cancellationToken);
    }

    private async Task ExecuteAdminAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } configured)
        {
            return new PostgresServer(configured, $"{ConnectionStringVariable} ({new NpgsqlConnectionStringBuilder(configured).Host})");
        }

        var binDirectory = PostgresBinaries.Find();
        var runAsPostgres = Environment.IsPrivilegedProcess;
        if (runAsPostgres && !File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                "The tests run as root and PostgreSQL refuses to run as root, but there is no `postgres` user to run it as. " +
                "Install the Debian package `postgresql` (it creates the user), or set " + ConnectionStringVariable + ".");
        }

        // The postgres user must be able to create the directory: /tmp, not a root-only $TMPDIR.
        var parent = runAsPostgres ? "/tmp" : Path.GetTempPath();
        var dataDirectory = Path.Combine(parent, $"integrations-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);

        StopWhenThisProcessEnds(binDirectory, dataDirectory, runAsPostgres);
        await PostgresProcess.RunAsync(binDirectory, "initdb", runAsPostgres,
            ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);

        // A port found free can be taken before the server binds it: try a few.
        Exception? lastError = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreeLoopbackPort();
            try
            {
                await PostgresProcess.RunAsync(binDirectory, "pg_ctl", runAsPostgres,
                [
                    "start", "-w", "-t", "60", "-D", dataDirectory, "-l", Path.Combine(dataDirectory, "server.log"),
                    "-o", $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories='{dataDirectory}' " +
                          "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                ]);
                var connectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Database = "postgres",
                    Pooling = true,
                    MaxPoolSize = 50,
                }.ConnectionString;
                return new PostgresServer(connectionString, $"throw-away server {dataDirectory} on port {port} ({binDirectory})");
            }
            catch (InvalidOperationException e)
            {
                lastError = e;
            }
        }

        throw new InvalidOperationException($"PostgreSQL did not start. Server log:\n{ReadLog(dataDirectory)}", lastError);
    }

    private static void StopWhenThisProcessEnds(string binDirectory, string dataDirectory, bool runAsPostgres)
    {
        var stop = $"{PostgresProcess.Command(binDirectory, "pg_ctl", runAsPostgres)} stop -D '{dataDirectory}' -m immediate";

        // A clean exit of the test process stops the server at once.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            PostgresProcess.RunShell($"{stop} >/dev/null 2>&1; rm -rf '{dataDirectory}'");
        };

        // A watchdog in its own session covers a test process that is killed.
        PostgresProcess.StartDetachedShell(
            $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; {stop} >/dev/null 2>&1; rm -rf '{dataDirectory}'");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ReadLog(string dataDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dataDirectory, "server.log"));
        }
        catch (IOException e)
        {
            return $"(no log: {e.Message})";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"(no log: {e.Message})";
        }
    }
}
