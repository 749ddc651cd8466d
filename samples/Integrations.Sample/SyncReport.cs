using System.Globalization;

namespace Integrations.Sample;

/// <summary>Prints sync run records: what the REST API's sync history would show.</summary>
internal static class SyncReport
{
    /// <summary>One run: its status and, per side, what it did (or, in a dry run, would do).</summary>
    public static void Run(SampleConsole console, SyncRun run)
    {
        console.Detail("status", $"{run.Status}{(run.IsDryRun ? " (dry run: nothing written)" : "")}, {(run.IsFullResync ? "full sync" : "incremental")}, {run.Pages} pages read, "
            + $"duration {Seconds(run.Duration)}");
        console.Detail("local (the host's table)", Counts(run.Local));
        console.Detail("remote (the provider)", Counts(run.Remote));
        console.Detail("conflicts", run.Conflicts.ToString(CultureInfo.InvariantCulture));
        console.Detail("cursor", $"{run.CursorBefore ?? "(none)"} -> {run.CursorAfter ?? "(none)"}");
        foreach (var error in run.Errors)
        {
            console.Warn($"{error.Side} item {error.ItemId}: {error.Code}: {error.Message}");
        }

        // A cancelled run (Ctrl+C) ends normally with its status; the sample stops there with 130.
        if (run.Status == SyncRunStatus.Cancelled)
        {
            throw new OperationCanceledException("The sync run was cancelled.");
        }

        if (run.ErrorCode is { } code)
        {
            throw new SampleException($"The sync run ended {run.Status}: {code}: {run.ErrorMessage}");
        }
    }

    /// <summary>A page of history, newest first; each side's changes as created/updated/deleted, then skipped locally/remotely.</summary>
    public static void History(SampleConsole console, SyncRunPage page) => console.Table(
        ["started", "type", "status", "local +/~/-", "remote +/~/-", "skipped", "conflicts", "took"],
        page.Runs.Select(run => new[]
        {
            Show.Time(run.StartedAt),
            run.IsDryRun ? $"{run.Type} (dry)" : run.Type.ToString(),
            run.Status.ToString(),
            Changes(run.Local),
            Changes(run.Remote),
            $"{run.Local.Skipped}/{run.Remote.Skipped}",
            run.Conflicts.ToString(CultureInfo.InvariantCulture),
            Seconds(run.Duration),
        }));

    private static string Counts(SyncCounts counts) => string.Create(
        CultureInfo.InvariantCulture,
        $"processed {counts.Processed}, created {counts.Created}, updated {counts.Updated}, deleted {counts.Deleted}, skipped {counts.Skipped}, failed {counts.Failed}");

    private static string Changes(SyncCounts counts) => string.Create(CultureInfo.InvariantCulture, $"{counts.Created}/{counts.Updated}/{counts.Deleted}");

    private static string Seconds(TimeSpan? duration) =>
        duration is { } value ? value.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture) : "-";
}
