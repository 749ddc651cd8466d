using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// The real sync engine pulling the sandbox resource with every store on PostgreSQL (integrations,
/// leases, sync state, item links, run history): full and incremental pulls, reconciliation, runs
/// stopped mid-page by cancellation, failing items or a killed process, and two processes on one
/// database. What the engine saved must be enough for the next run, in any process, to go on
/// without applying anything twice.
/// </summary>
public sealed class SyncEndToEndTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private SyncOnPostgres _world = null!;

    public async Task InitializeAsync() => _world = await SyncOnPostgres.CreateAsync(database);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Full_pull_then_incremental_pull_keep_links_cursor_and_history_in_the_database()
    {
        var seeded = _world.Server.Seed(1000);
        var engine = _world.StartProcess();

        var full = await _world.SyncAsync(engine);

        Assert.Equal(SyncRunStatus.Succeeded, full.Status);
        Assert.True(full.IsFullResync);
        Assert.Equal((10, 1000), (full.Pages, full.Local.Created));
        Assert.Equal(1000, await _world.CountAsync("sync_item_links"));
        AssertSameItems();

        _world.Server.Update(seeded[3].Id, new Testing.SandboxItemData("changed"));
        _world.Server.Delete(seeded[5].Id);
        _world.Server.Create(new Testing.SandboxItemData("new"));
        var deliveriesBefore = _world.Items.Deliveries.Count;
        _world.Time.Advance(TimeSpan.FromMinutes(5));

        // Another process reads the cursor the first one saved.
        var incremental = await _world.SyncAsync(_world.StartProcess());

        Assert.Equal(SyncRunStatus.Succeeded, incremental.Status);
        Assert.False(incremental.IsFullResync);
        Assert.Equal((1, 1, 1), (incremental.Local.Created, incremental.Local.Updated, incremental.Local.Deleted));
        Assert.Equal(3, _world.Items.Deliveries.Count - deliveriesBefore);
        Assert.Equal(full.CursorAfter, incremental.CursorBefore);
        Assert.NotEqual(incremental.CursorBefore, incremental.CursorAfter);
        Assert.Equal(1000, await _world.CountAsync("sync_item_links"));
        AssertSameItems();

        var history = await engine.GetHistoryAsync(_world.Integration.Key, new SyncHistoryQuery());
        Assert.Equal(2, history.TotalCount);
        Assert.Equal([incremental.Id, full.Id], history.Runs.Select(r => r.Id));
        var read = await engine.GetRunAsync(_world.Integration.Key, incremental.Id);
        Assert.Equal(incremental, read! with { Errors = incremental.Errors });
    }

    [Fact]
    public async Task Forced_full_resync_deletes_the_local_copies_of_items_that_vanished_remotely()
    {
        var seeded = _world.Server.Seed(1000);
        var engine = _world.StartProcess(options: o => o.ReconcileBatchSize = 100);
        await _world.SyncAsync(engine);
        var vanished = seeded.Where((_, i) => i % 7 == 0).Select(i => i.Id).ToHashSet();
        foreach (var id in vanished)
        {
            _world.Server.Purge(id); // gone without a tombstone: only reconciliation can notice
        }

        var resync = await _world.SyncAsync(engine, new SyncRequest { ForceFullResync = true });

        Assert.Equal(SyncRunStatus.Succeeded, resync.Status);
        Assert.Equal(vanished.Count, resync.Local.Deleted);
        Assert.Equal(1000 - vanished.Count, await _world.CountAsync("sync_item_links"));
        Assert.Equal(vanished.Order(StringComparer.Ordinal), _world.Items.Deliveries.Where(d => d.IsDelete).Select(d => d.ExternalId).Order(StringComparer.Ordinal));
        AssertSameItems();
    }

    [Fact]
    public async Task Cancellation_mid_page_saves_what_was_applied_and_the_resumed_run_applies_each_version_once()
    {
        _world.Server.Seed(1000);
        using var cancel = new CancellationTokenSource();
        var calls = 0;
        _world.Items.BeforeApply = _ =>
        {
            if (++calls == 250)
            {
                cancel.Cancel();
            }

            return Task.CompletedTask;
        };

        var cancelled = await _world.SyncAsync(_world.StartProcess(), cancellationToken: cancel.Token);

        Assert.Equal(SyncRunStatus.Cancelled, cancelled.Status);
        Assert.Equal(250, await _world.CountAsync("sync_item_links"));
        Assert.Equal(["2"], await Sql.QueryTextAsync(database.ConnectionString, "SELECT checkpoint->>'pagesCompleted' FROM integrations.sync_states"));

        _world.Items.BeforeApply = null;
        var resumed = await _world.SyncAsync(_world.StartProcess());

        Assert.Equal(SyncRunStatus.Succeeded, resumed.Status);
        Assert.Equal(750, resumed.Local.Created);
        Assert.Equal(50, resumed.Local.Skipped);
        AssertEachVersionAppliedOnce(expected: 1000);
        Assert.DoesNotContain(_world.Items.Deliveries, d => d.PossibleRedelivery);
        AssertSameItems();
    }

    [Fact]
    public async Task A_handler_failing_from_one_item_on_stops_the_run_with_its_item_errors_saved_and_the_next_run_resumes()
    {
        var seeded = _world.Server.Seed(1000);
        var failing = true;
        var calls = 0;
        _world.Items.BeforeApply = _ => failing && ++calls > 420 ? throw new InvalidOperationException("The host's database is down.") : Task.CompletedTask;

        var failed = await _world.SyncAsync(_world.StartProcess(options: o => o.MaxConsecutiveItemFailures = 5));

        Assert.Equal(SyncRunStatus.Failed, failed.Status);
        Assert.Equal(IntegrationErrorCode.SyncFailed, failed.ErrorCode);
        Assert.Equal(5, failed.Local.Failed);
        Assert.Equal(420, await _world.CountAsync("sync_item_links"));
        Assert.Equal(seeded.Skip(420).Take(5).Select(i => i.Id), await Sql.QueryTextAsync(database.ConnectionString, "SELECT item_id FROM integrations.sync_item_errors ORDER BY ordinal"));

        failing = false;
        var resumed = await _world.SyncAsync(_world.StartProcess());

        Assert.Equal(SyncRunStatus.Succeeded, resumed.Status);
        Assert.Equal(580, resumed.Local.Created);
        AssertEachVersionAppliedOnce(expected: 1000);
        AssertSameItems();
    }

    [Fact]
    public async Task A_process_killed_mid_page_is_taken_over_by_another_and_only_the_page_in_flight_is_delivered_again_flagged()
    {
        var seeded = _world.Server.Seed(1000);
        var gate = new HandlerGate(250);
        _world.Items.BeforeApply = gate.BeforeApply;

        // Process A's clock never moves, so it never renews its lease: it is "dead" at item 250.
        var doomed = _world.StartProcess(engineTime: new FakeTimeProvider(_world.Time.GetUtcNow()));
        var abandoned = _world.SyncAsync(doomed);
        await gate.Reached;
        var abandonedRun = Assert.Single((await doomed.GetHistoryAsync(_world.Integration.Key, new SyncHistoryQuery())).Runs);

        _world.Time.Advance(TimeSpan.FromMinutes(2));
        _world.Items.BeforeApply = null;
        var takeover = await _world.SyncAsync(_world.StartProcess());

        Assert.Equal(SyncRunStatus.Succeeded, takeover.Status);
        var marked = (await doomed.GetRunAsync(_world.Integration.Key, abandonedRun.Id))!;
        Assert.Equal(SyncRunStatus.Failed, marked.Status);
        Assert.Contains(takeover.Id.ToString(), marked.ErrorMessage, StringComparison.Ordinal);
        var position = seeded.Select((item, i) => (item.Id, i)).ToDictionary(p => p.Id, p => p.i);
        foreach (var item in _world.Items.Deliveries.GroupBy(d => d.ExternalId))
        {
            // Items 200-299 are the page in flight: A applied 200-248 unrecorded, and B, which cannot
            // know how far A got, delivers the whole page again flagged. Every other item once.
            var inFlight = position[item.Key] is >= 200 and < 300;
            Assert.Single(item, d => d.Effective);
            Assert.Equal(inFlight ? 1 : 0, item.Count(d => d.PossibleRedelivery));
            Assert.Equal(position[item.Key] is >= 200 and < 249 ? 2 : 1, item.Count());
        }

        AssertSameItems();

        // A wakes up (a zombie): its page cannot be saved over B's progress.
        var cursor = (await Sql.QueryTextAsync(database.ConnectionString, "SELECT cursor FROM integrations.sync_states")).Single();
        gate.Open();
        var zombie = await abandoned;
        Assert.Equal(SyncRunStatus.Failed, zombie.Status);
        Assert.Equal(IntegrationErrorCode.ConcurrencyConflict, zombie.ErrorCode);
        Assert.Equal([cursor], await Sql.QueryTextAsync(database.ConnectionString, "SELECT cursor FROM integrations.sync_states"));
        AssertEachVersionAppliedOnce(expected: 1000);
    }

    [Fact]
    public async Task A_second_process_asking_for_a_sync_while_the_first_one_runs_gets_SyncAlreadyRunning()
    {
        _world.Server.Seed(300);
        var gate = new HandlerGate(2);
        _world.Items.BeforeApply = gate.BeforeApply;
        var first = _world.SyncAsync(_world.StartProcess());
        await gate.Reached;

        var error = await Assert.ThrowsAsync<IntegrationException>(() => _world.SyncAsync(_world.StartProcess()));

        Assert.Equal(IntegrationErrorCode.SyncAlreadyRunning, error.Code);
        Assert.Equal(1, await _world.CountAsync("leases"));
        gate.Open();
        Assert.Equal(SyncRunStatus.Succeeded, (await first).Status);
        Assert.Equal(1, await _world.CountAsync("sync_runs"));
        AssertEachVersionAppliedOnce(expected: 300);
    }

    private void AssertSameItems() =>
        Assert.Equal(
            _world.Server.Items.ToDictionary(i => i.Id, i => i.Data!.Title).OrderBy(p => p.Key, StringComparer.Ordinal),
            _world.Items.Titles.OrderBy(p => p.Key, StringComparer.Ordinal));

    private void AssertEachVersionAppliedOnce(int expected)
    {
        var byVersion = _world.Items.Deliveries.GroupBy(d => (d.ExternalId, d.RemoteVersion, d.IsDelete)).ToList();
        Assert.Equal(expected, byVersion.Count);
        Assert.All(byVersion, g => Assert.Single(g, d => d.Effective));
    }
}
