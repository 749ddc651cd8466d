using System.Diagnostics;

namespace Integrations.TestSupport.Postgres;

/// <summary>Finds the directory holding the PostgreSQL server programs (<c>initdb</c>, <c>pg_ctl</c>).</summary>
internal static class PostgresBinaries
{
    public static string Find()
    {
        // Debian and Ubuntu install server binaries per major version, outside PATH.
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .OrderByDescending(x => x.Version)
                .Select(x => x.Dir)
            : [];

        var candidates = debian
            .Append(PgConfigBinDirectory())
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator));

        return candidates.FirstOrDefault(d => !string.IsNullOrEmpty(d) && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "The PostgreSQL server programs (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin, `pg_config --bindir` or PATH. " +
                "Install them (Debian/Ubuntu: `apt-get install -y postgresql`), or set " + PostgresServer.ConnectionStringVariable +
                " to the connection string of a server where the user may create databases.");
    }

    private static string? PgConfigBinDirectory()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not installed
        }
    }
}
