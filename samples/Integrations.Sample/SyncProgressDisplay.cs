using System.Globalization;
using Spectre.Console;

namespace Integrations.Sample;

/// <summary>
/// Turns the engine's <see cref="SyncProgress"/> snapshots (one after every saved page) into a
/// progress bar per direction on a terminal, or into a few plain lines (every quarter of the pull,
/// then the push) when there is no terminal to redraw. A provider that gives no total up front
/// (Strava) gets a counter instead of a bar, and a line per page.
/// </summary>
/// <remarks>
/// It implements <see cref="IProgress{T}"/> directly rather than using <see cref="Progress{T}"/>:
/// that one posts each report to the thread pool, so reports could arrive out of order or after
/// the run has returned.
/// </remarks>
internal sealed class SyncProgressDisplay : IProgress<SyncProgress>
{
    private readonly SampleConsole _console;
    private readonly ProgressTask? _pull;
    private readonly ProgressTask? _push;
    private readonly bool _pushes;
    private int _quartersPrinted;

    /// <param name="console">Where plain lines go.</param>
    /// <param name="live">The terminal's live display, or <see langword="null"/> for plain lines.</param>
    /// <param name="pushes">Whether the run also pushes local changes (a pull-only run shows no push bar).</param>
    public SyncProgressDisplay(SampleConsole console, ProgressContext? live, bool pushes = true)
    {
        _console = console;
        _pushes = pushes;
        if (live is not null)
        {
            _pull = live.AddTask("pull  remote -> local").IsIndeterminate();
            _push = pushes ? live.AddTask("push  local -> remote", autoStart: false) : null;
        }
    }

    public void Report(SyncProgress value)
    {
        if (_pull is not null)
        {
            Redraw(_pull, _push, value);
        }
        else
        {
            Print(value);
        }
    }

    private static void Redraw(ProgressTask pull, ProgressTask? push, SyncProgress value)
    {
        var pulled = value.Local.Processed;
        var total = Math.Max(value.TotalEstimate ?? pulled, pulled);
        pull.IsIndeterminate(value.TotalEstimate is null && value.Phase == SyncPhase.Pulling);
        pull.MaxValue = Math.Max(total, 1);
        pull.Value = value.Phase == SyncPhase.Pulling ? pulled : pull.MaxValue;
        // Padded, so the bar does not shift as the numbers grow.
        pull.Description = value.TotalEstimate is null
            ? $"pull  remote -> local: {Count(pulled),6} items, page {value.Pages,3}"
            : $"pull  remote -> local: {Count(pulled).PadLeft(Count(total).Length)} of {Count(total)} items, page {value.Pages,3}";

        if (push is not null && value.Phase >= SyncPhase.Pushing)
        {
            // The change feed gives no total up front: the bar fills when the run completes.
            push.StartTask();
            push.IsIndeterminate(value.Phase != SyncPhase.Completed);
            push.MaxValue = Math.Max(value.Remote.Processed, 1);
            push.Value = value.Phase == SyncPhase.Completed ? push.MaxValue : 0;
            push.Description = $"push  local -> remote: {Count(value.Remote.Processed)} local changes checked";
        }
    }

    private void Print(SyncProgress value)
    {
        if (value.Phase == SyncPhase.Pulling && value.TotalEstimate is { } total && total > 0)
        {
            var quarters = (int)(4L * value.Local.Processed / total);
            if (quarters > _quartersPrinted)
            {
                _quartersPrinted = quarters;
                _console.Detail("pull", $"{Count(value.Local.Processed)} of {Count(total)} items ({100L * value.Local.Processed / total}%), page {value.Pages}");
            }
        }
        else if (value.Phase == SyncPhase.Pulling && value.TotalEstimate is null)
        {
            _console.Detail("pull", $"{Count(value.Local.Processed)} items, page {value.Pages}");
        }
        else if (value.Phase == SyncPhase.Completed && _pushes)
        {
            _console.Detail("push", $"{Count(value.Remote.Processed)} local changes checked");
        }
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
