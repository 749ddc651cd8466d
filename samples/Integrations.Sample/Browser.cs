using System.Diagnostics;

namespace Integrations.Sample;

/// <summary>
/// Sends the user to the provider's sign-in page. The sample opens the system browser; the smoke
/// tests pass a browser that signs in by itself and then requests the callback URL, as a real
/// browser would after the provider's redirect.
/// </summary>
internal interface IBrowser
{
    /// <summary>Opens <paramref name="url"/>; returns once it is open (not when the user is done).</summary>
    /// <returns>Whether a browser was opened (otherwise the user opens the printed URL).</returns>
    Task<bool> OpenAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>The user's default browser: <c>xdg-open</c> on Linux, <c>open</c> on macOS, the shell on Windows.</summary>
internal sealed class SystemBrowser : IBrowser
{
    public Task<bool> OpenAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            // UseShellExecute hands the URL to the desktop (on Linux .NET tries xdg-open and friends).
            using var process = Process.Start(new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true });
            return Task.FromResult(true);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            // No desktop (a server, a container): the printed URL still works from any browser.
            return Task.FromResult(false);
        }
    }
}

/// <summary><c>--no-browser</c>: the user copies the printed URL into a browser.</summary>
internal sealed class PrintOnlyBrowser : IBrowser
{
    public Task<bool> OpenAsync(Uri url, CancellationToken cancellationToken) => Task.FromResult(false);
}
