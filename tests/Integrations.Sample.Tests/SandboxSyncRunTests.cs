using System.Globalization;
using static Integrations.Sample.SyncScenario;

namespace Integrations.Sample.Tests;

/// <summary>
/// The sync steps of the default run. Every expected count is computed from the number of seeded
/// items and the edits <see cref="SyncScenario"/> makes, and checked against what the run printed
/// from its <see cref="SyncRun"/> records.
/// </summary>
public sealed class SandboxSyncRunTests
{
    [Theory]
    [InlineData]
    [InlineData("--sync-items", "777")]
    public async Task Sync_steps_print_counts_that_follow_from_the_seed_and_the_edits(params string[] args)
    {
        var seeded = args.Length == 0 ? DefaultItemCount : int.Parse(args[1], CultureInfo.InvariantCulture);

        var run = await SampleRun.StartAsync(browser: null, args);

        run.AssertSucceeded();

        // Initial: every seeded item created locally, page by page; the push finds only the handler's own writes.
        var initial = run.Step("Sync: the initial pull");
        var pages = (seeded + PageSize - 1) / PageSize;
        Assert.Equal(Text(seeded), initial.Value("items at the provider"));
        initial.AssertInOrder(
            $"pull: {seeded} of {seeded} items (100%), page {pages}",
            $"push: {seeded} local changes checked");
        Assert.Equal($"Succeeded, full sync, {pages} pages read", Status(initial));
        Assert.Equal(Counts(processed: seeded, created: seeded), initial.Value("local (the host's table)"));
        Assert.Equal(Counts(processed: seeded, skipped: seeded), initial.Value("remote (the provider)"));
        Assert.StartsWith("(none) -> s.", initial.Value("cursor"), StringComparison.Ordinal);

        // What a two-way run does locally: the provider's updates, deletes and creates applied; the
        // conflicting item is skipped (LocalWins keeps the app's version).
        var local = Counts(processed: RemoteUpdates + RemoteDeletes + RemoteCreates + 1, created: RemoteCreates, updated: RemoteUpdates, deleted: RemoteDeletes, skipped: 1);

        var preview = run.Step("Change both sides, then preview");
        Assert.Equal("Succeeded (dry run: nothing written), incremental, 1 pages read", Status(preview));
        Assert.Equal(local, preview.Value("local (the host's table)"));
        Assert.Equal("1", preview.Value("conflicts"));
        Assert.Contains("✓ Nothing was written", preview.Output, StringComparison.Ordinal);
        var cursor = initial.Value("cursor")["(none) -> ".Length..];
        Assert.Equal($"{cursor} -> {cursor}", preview.Value("cursor"));

        // The real run. Remotely: the app's edits, creates and deletes written, plus the conflicting
        // item (pushed once, when the pull met it; the change feed's copy of it is not counted again);
        // the handler's own writes in the change feed are skipped as echoes.
        var twoWay = run.Step("Sync both ways");
        var handlerWrites = RemoteUpdates + RemoteCreates + RemoteDeletes;
        var remote = Counts(
            processed: LocalEdits + LocalCreates + LocalDeletes + 1 + handlerWrites,
            created: LocalCreates,
            updated: LocalEdits + 1,
            deleted: LocalDeletes,
            skipped: handlerWrites);
        Assert.Equal("Succeeded, incremental, 1 pages read", Status(twoWay));
        Assert.Equal(local, twoWay.Value("local (the host's table)"));
        Assert.Equal(remote, twoWay.Value("remote (the provider)"));
        Assert.Equal("1", twoWay.Value("conflicts"));
        Assert.StartsWith($"{cursor} -> s.", twoWay.Value("cursor"), StringComparison.Ordinal);
        Assert.NotEqual($"{cursor} -> {cursor}", twoWay.Value("cursor"));
        var conflictTitle = Seed(Pick(seeded).Conflict).Title + " (renamed in the app)";
        Assert.Contains($"✓ Conflict settled by LocalWins (the app's edit won): both sides now say '{conflictTitle}'.", twoWay.Output, StringComparison.Ordinal);
        var items = seeded - RemoteDeletes + RemoteCreates + LocalCreates - LocalDeletes;
        Assert.Contains($"✓ Both sides hold the same {items} items.", twoWay.Output, StringComparison.Ordinal);

        // Every write the engine made at the provider comes back in the next listing, and is skipped.
        var echoes = run.Step("Sync once more");
        var ownWrites = LocalEdits + LocalCreates + LocalDeletes + 1;
        Assert.Equal(Counts(processed: ownWrites, skipped: ownWrites), echoes.Value("local (the host's table)"));
        Assert.Equal(Counts(), echoes.Value("remote (the provider)"));
        Assert.Contains($"✓ Nothing to do: {ownWrites} echoes skipped", echoes.Output, StringComparison.Ordinal);

        // The history, newest first.
        var history = run.Step("The sync history");
        Assert.Contains("(4 runs)", history.Output, StringComparison.Ordinal);
        history.AssertInOrder("│ Scheduled ", "│ Manual ", "│ Manual (dry) ", "│ Initial ", $"│ {seeded}/0/0 ", $"│ 0/{seeded} ");
    }

    [Fact]
    public async Task Without_a_terminal_the_progress_is_plain_lines_without_escape_codes()
    {
        var run = await SampleRun.StartAsync(browser: null);

        run.AssertSucceeded();
        var initial = run.Step("Sync: the initial pull");
        var pulls = initial.Lines.Where(l => l.StartsWith("pull: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            new[] { 25, 50, 75, 100 },
            pulls.Select(l => int.Parse(l[(l.IndexOf('(', StringComparison.Ordinal) + 1)..l.IndexOf("%)", StringComparison.Ordinal)], CultureInfo.InvariantCulture)));
        Assert.DoesNotContain('\u001b', run.Output);
        Assert.Equal("in memory (InMemorySyncStateStore, InMemorySyncRunStore)", initial.Value("sync state and run history"));
    }

    private static string Status(SampleRun step)
    {
        var status = step.Value("status");
        return status[..status.IndexOf(", duration ", StringComparison.Ordinal)];
    }

    private static string Counts(int processed = 0, int created = 0, int updated = 0, int deleted = 0, int skipped = 0) =>
        $"processed {processed}, created {created}, updated {updated}, deleted {deleted}, skipped {skipped}, failed 0";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
