using System.Diagnostics;

namespace Integrations.TestSupport.Postgres;

/// <summary>Runs the PostgreSQL programs, as the <c>postgres</c> user when this process is root (the server refuses to run as root).</summary>
internal static class PostgresProcess
{
    public static string Command(string binDirectory, string program, bool runAsPostgres) =>
        runAsPostgres ? $"runuser -u postgres -- '{Path.Combine(binDirectory, program)}'" : $"'{Path.Combine(binDirectory, program)}'";

    public static async Task RunAsync(string binDirectory, string program, bool runAsPostgres, IReadOnlyList<string> arguments)
    {
        var start = runAsPostgres
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", Path.Combine(binDirectory, program) } }
            : new ProcessStartInfo(Path.Combine(binDirectory, program));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    public static void RunShell(string script)
    {
        using var process = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script }, UseShellExecute = false });
        process?.WaitForExit(TimeSpan.FromSeconds(30));
    }

    public static void StartDetachedShell(string script)
    {
        // setsid: its own session, so killing the test process group does not kill the watchdog.
        var start = new ProcessStartInfo("setsid")
        {
            ArgumentList = { "/bin/sh", "-c", script },
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        using var process = Process.Start(start);
    }
}
