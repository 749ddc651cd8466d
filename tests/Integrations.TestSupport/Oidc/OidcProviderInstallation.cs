using System.Diagnostics;

namespace Integrations.TestSupport.Oidc;

/// <summary>
/// Finds tests/oidc-provider in the repository and runs <c>npm ci</c> there once (guarded by a
/// lock file, since several test assemblies may start at the same time).
/// </summary>
internal static class OidcProviderInstallation
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<string> EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        var directory = FindDirectory();
        var marker = Path.Combine(directory, "node_modules", "oidc-provider", "package.json");
        if (File.Exists(marker))
        {
            return directory;
        }

        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var fileLock = await AcquireFileLockAsync(Path.Combine(directory, ".npm-install.lock"), cancellationToken).ConfigureAwait(false);
            if (!File.Exists(marker))
            {
                await RunNpmCiAsync(directory, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Gate.Release();
        }

        return directory;
    }

    private static string FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "oidc-provider");
            if (File.Exists(Path.Combine(candidate, "server.mjs")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/oidc-provider/server.mjs was not found above " + AppContext.BaseDirectory);
    }

    private static async Task RunNpmCiAsync(string directory, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start npm (is Node.js installed?).");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {directory} (exit {process.ExitCode}):\n{await output.ConfigureAwait(false)}\n{await error.ConfigureAwait(false)}");
        }
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another test process is installing; wait for it (real time: this is process coordination, not test logic).
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
