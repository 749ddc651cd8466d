using System.Globalization;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Sample;

/// <summary>
/// The sync part of the sandbox tour: an initial sync of a few thousand items with a progress bar,
/// changes on both sides previewed by a dry run, an incremental two-way sync with one conflict, a
/// run that finds only its own echoes, and the run history. SampleHost.cs shows the registration.
/// </summary>
internal sealed class SyncFlow(SampleHost host, SampleConsole console)
{
    private readonly SandboxSyncServer _server = host.Services.GetRequiredService<SandboxSyncServer>();
    private readonly HostItemTable _table = host.Services.GetRequiredService<HostItemTable>();
    private readonly ISyncEngine _engine = host.Services.GetRequiredService<ISyncEngine>();

    public async Task RunAsync(Integration integration, CancellationToken cancellationToken)
    {
        await InitialSyncAsync(integration, cancellationToken);
        var conflict = await ChangeAndPreviewAsync(integration, cancellationToken);
        await TwoWaySyncAsync(integration, conflict, cancellationToken);
        await EchoesAsync(integration, cancellationToken);
        await HistoryAsync(integration, cancellationToken);
    }

    private async Task InitialSyncAsync(Integration integration, CancellationToken cancellationToken)
    {
        console.Step("Sync: the initial pull, with a progress bar");
        console.Say("Besides OAuth, the sandbox serves a paged, writable resource 'items', shaped like Google Calendar's events.list: "
            + "page tokens, sync tokens, etags, deletions as tombstones. Seeding it as if the account already held data:");
        var seeded = host.Options.SyncItems;
        _server.Seed(seeded, SyncScenario.Seed);
        console.Detail("items at the provider", Count(_server.Items.Count));
        console.Say("This host keeps items in its own table (HostItemTable.cs) and registered HostItemHandler.cs for 'items' with AddSyncResource: "
            + "its ISyncHandler applies remote changes to the table, its ILocalChangeFeed reports the user's changes, so the resource syncs both ways.");
        console.Detail("sync state and run history", SyncStoreDescription());
        console.Say($"RunAsync(Direction = Both, Type = Initial) with an IProgress<SyncProgress>. Pages of {SyncScenario.PageSize}; after each one the item links "
            + $"(provider id <-> local id and versions) and the position are saved, so a crash resumes there. Each sandbox request takes {SyncScenario.Latency.TotalMilliseconds:0} ms, like a real API.");

        var run = await console.WithProgressAsync(live => SyncAsync(
            integration,
            new SyncRequest { Direction = SyncDirection.Both, Type = SyncRunType.Initial, TriggeredBy = SampleHost.User.UserId },
            new SyncProgressDisplay(console, live),
            cancellationToken));
        SyncReport.Run(console, run);

        if (_table.Live.Count != seeded || run.Local.Created != seeded)
        {
            throw new SampleException($"The host's table holds {_table.Live.Count} items after pulling {seeded}.");
        }

        console.Ok($"The host's table holds all {Count(seeded)} items. The push found only the handler's own writes (skipped), and the cursor is saved: the next run asks only for changes.");
    }

    private async Task<SyncEdits.Conflict> ChangeAndPreviewAsync(Integration integration, CancellationToken cancellationToken)
    {
        console.Step("Change both sides, then preview the sync with a dry run");
        var conflict = SyncEdits.Apply(_server, _table, host.Options.SyncItems);
        console.Detail("at the provider", $"{SyncScenario.RemoteUpdates} items edited, {SyncScenario.RemoteDeletes} deleted, {SyncScenario.RemoteCreates} added (by another client)");
        console.Detail("in the app", $"{SyncScenario.LocalEdits} items edited, {SyncScenario.LocalDeletes} deleted, {SyncScenario.LocalCreates} added (by the user)");
        console.Detail("edited on both sides", $"{conflict.ExternalId}: '{conflict.RemoteTitle}' at the provider, '{conflict.LocalTitle}' in the app");

        console.Say("DryRun = true computes what a sync would do to each side and writes nothing: no handler write, no provider write, no cursor move.");
        var writes = _server.RequestCount(SandboxRequestKind.Writes);
        var rowVersion = _table.LastRowVersion;
        var run = await SyncAsync(integration, new SyncRequest { Direction = SyncDirection.Both, DryRun = true, TriggeredBy = SampleHost.User.UserId }, null, cancellationToken);
        SyncReport.Run(console, run);
        if (_server.RequestCount(SandboxRequestKind.Writes) != writes || _table.LastRowVersion != rowVersion || run.CursorAfter != run.CursorBefore)
        {
            throw new SampleException("The dry run wrote something.");
        }

        console.Ok("Nothing was written: no request changed the provider's data, the host's table and the cursor are as they were.");
        return conflict;
    }

    private async Task TwoWaySyncAsync(Integration integration, SyncEdits.Conflict conflict, CancellationToken cancellationToken)
    {
        console.Step("Sync both ways: edits, deletions and a conflict");
        console.Say("The pull reads only the changes since the saved cursor and applies them through the handler; the push reads the app's changes since "
            + "the local checkpoint and writes them through the provider's target (creates, updates with If-Match, deletes).");
        console.Say($"The item edited on both sides is a conflict. This resource's policy is {SyncScenario.ConflictPolicy} "
            + "(set with AddSyncResource; RemoteWins is the default, NewestWins and a host callback are the others).");
        var run = await SyncAsync(integration, new SyncRequest { Direction = SyncDirection.Both, TriggeredBy = SampleHost.User.UserId }, null, cancellationToken);
        SyncReport.Run(console, run);

        var remote = _server.Get(conflict.ExternalId)?.Data?.Title;
        var local = _table.Find(conflict.LocalId)?.Data?.Title;
        if (remote != local || (local != conflict.LocalTitle && local != conflict.RemoteTitle))
        {
            throw new SampleException($"After the conflict the provider says '{remote}' and the app '{local}'.");
        }

        var winner = local == conflict.LocalTitle ? "the app's edit won" : "the provider's edit won";
        console.Ok($"Conflict settled by {SyncScenario.ConflictPolicy} ({winner}): both sides now say '{local}'.");
        console.Ok($"Both sides hold the same {Count(SameItemsOnBothSides())} items.");
    }

    private async Task EchoesAsync(Integration integration, CancellationToken cancellationToken)
    {
        console.Step("Sync once more: the engine's own writes do not come back");
        console.Say("The provider now lists the items this engine just wrote. Each write's new remote version was recorded in the item's link, "
            + "so the pull recognizes them as echoes and skips them (and the change feed's report of the handler's writes is skipped the same way, by local version).");
        var run = await SyncAsync(integration, new SyncRequest { Direction = SyncDirection.Both, Type = SyncRunType.Scheduled }, null, cancellationToken);
        SyncReport.Run(console, run);
        if (run.Local.Changed + run.Remote.Changed != 0)
        {
            throw new SampleException("The sync wrote again what it had written itself.");
        }

        console.Ok($"Nothing to do: {Count(run.Local.Skipped)} echoes skipped, no write on either side.");
    }

    private async Task HistoryAsync(Integration integration, CancellationToken cancellationToken)
    {
        console.Step("The sync history");
        var page = await _engine.GetHistoryAsync(integration.Key, new SyncHistoryQuery { Resource = SyncScenario.Resource, Take = 10 }, cancellationToken);
        console.Say($"GetHistoryAsync returns the runs newest first, filtered by resource, status or start time, paged with the total count ({page.TotalCount} runs). Per side: created/updated/deleted. "
            + "Each run also recorded the metrics integrations.sync.runs, integrations.sync.items and integrations.sync.duration.");
        SyncReport.History(console, page);
    }

    private async Task<SyncRun> SyncAsync(Integration integration, SyncRequest request, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        var runs = await _engine.RunAsync(integration.Key, request with { Resources = [SyncScenario.Resource] }, progress, cancellationToken);
        return runs.Single();
    }

    /// <summary>Compares the contents of both sides and returns how many items each holds.</summary>
    private int SameItemsOnBothSides()
    {
        var local = Contents(_table.Live.Select(r => r.Data!));
        var remote = Contents(_server.Items.Select(i => i.Data!));
        if (!local.SequenceEqual(remote, StringComparer.Ordinal))
        {
            var differences = local.Except(remote).Concat(remote.Except(local)).Take(3);
            throw new SampleException($"The sides differ: {local.Count} items in the app, {remote.Count} at the provider; for example {string.Join("; ", differences)}.");
        }

        return local.Count;
    }

    private static List<string> Contents(IEnumerable<SandboxItemData> items) =>
        items.Select(d => $"{d.Title} | {d.Notes} | {d.Start?.ToString("O", CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal).ToList();

    /// <summary>Where the engine keeps sync state and history: whatever the registered stores are.</summary>
    private string SyncStoreDescription()
    {
        var states = host.Services.GetRequiredService<ISyncStateStore>();
        var runs = host.Services.GetRequiredService<ISyncRunStore>();
        var inMemory = states is InMemorySyncStateStore || runs is InMemorySyncRunStore;
        if (!inMemory)
        {
            return $"{host.StoreName} ({states.GetType().Name}, {runs.GetType().Name})";
        }

        if (host.Options.Store == SampleStore.Postgres)
        {
            console.Warn("--store postgres: this build of Integrations.Storage.EfCore has no sync stores, so sync state and run history stay in memory "
                + "(integrations and tokens are in PostgreSQL).");
        }

        return "in memory (InMemorySyncStateStore, InMemorySyncRunStore)";
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
