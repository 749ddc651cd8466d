using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport.Conformance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// What the EF Core sync stores do beyond the shared conformance suites: a page of links is saved in
/// one statement, odd inputs the contract allows are handled, item errors follow the run exactly,
/// and two processes cannot both save a state they read at the same version.
/// </summary>
public sealed class SyncStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private const string Resource = "calendar-events";
    private readonly CommandRecorder _commands = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        var collection = new ServiceCollection();
        collection.AddPooledDbContextFactory<IntegrationsDbContext>(o => o.UseNpgsql(database.ConnectionString).AddInterceptors(_commands));
        _services = collection.AddIntegrations().AddEntityFrameworkCoreStores<IntegrationsDbContext>().Services.BuildServiceProvider();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private ISyncStateStore States => _services.GetRequiredService<ISyncStateStore>();

    private ISyncRunStore Runs => _services.GetRequiredService<ISyncRunStore>();

    [Fact]
    public async Task A_page_of_500_links_with_deletes_is_saved_in_one_statement()
    {
        var id = Guid.NewGuid();
        var state = await States.CommitAsync(new SyncCommit(SyncState.Empty(id, Resource)) { UpsertLinks = Links(0, 500, pass: 1) });
        _commands.Clear();

        var next = await States.CommitAsync(new SyncCommit(state with { Cursor = "page-2" })
        {
            UpsertLinks = Links(250, 500, pass: 2),
            DeleteLinks = Enumerable.Range(0, 100).Select(ExternalId).ToList(),
        });

        Assert.Single(_commands.Commands);
        Assert.Equal(2, next.Version);
        Assert.Equal(650, await States.CountLinksAsync(id, Resource));
        var links = await States.GetLinksAsync(id, Resource, [ExternalId(0), ExternalId(100), ExternalId(300), ExternalId(749)]);
        Assert.Equal([ExternalId(100), ExternalId(300), ExternalId(749)], links.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((1L, 2L, 2L), (links[ExternalId(100)].LastSeenPass, links[ExternalId(300)].LastSeenPass, links[ExternalId(749)].LastSeenPass));
    }

    [Fact]
    public async Task An_external_id_upserted_twice_in_one_commit_keeps_the_last_link_and_an_upsert_wins_over_a_delete()
    {
        var id = Guid.NewGuid();
        var state = await States.CommitAsync(new SyncCommit(SyncState.Empty(id, Resource)) { UpsertLinks = [new SyncItemLink("a", "1", "v1", null, 1)] });

        await States.CommitAsync(new SyncCommit(state)
        {
            UpsertLinks = [new SyncItemLink("a", "1", "v2", null, 1), new SyncItemLink("b", "2", "v1", null, 1), new SyncItemLink("a", "1", "v3", "l3", 2)],
            DeleteLinks = ["a"],
        });

        var links = await States.GetLinksAsync(id, Resource, ["a", "b"]);
        Assert.Equal(new SyncItemLink("a", "1", "v3", "l3", 2), links["a"]);
        Assert.Equal(2, await States.CountLinksAsync(id, Resource));
    }

    [Fact]
    public async Task Ids_and_versions_of_any_text_round_trip()
    {
        var id = Guid.NewGuid();
        SyncItemLink[] links =
        [
            new("it's \"quoted\"; DROP TABLE x; --", "l'1", null, null, 1),
            new("ünïcødé-日本-🙂", "local\\path", "W/\"etag\"", "{\"v\":1}", long.MaxValue),
            new(new string('x', 2000), new string('y', 2000), "", "", 0),
        ];

        await States.CommitAsync(new SyncCommit(SyncState.Empty(id, Resource) with { Cursor = "https://graph.microsoft.com/v1.0/me/events/delta?$deltatoken=a%2Fb'c" }) { UpsertLinks = links });

        var found = await States.GetLinksAsync(id, Resource, links.Select(l => l.ExternalId).ToList());
        Assert.Equal(links.OrderBy(l => l.ExternalId, StringComparer.Ordinal), found.Values.OrderBy(l => l.ExternalId, StringComparer.Ordinal));
        var byLocal = await States.GetLinksByLocalIdAsync(id, Resource, links.Select(l => l.LocalId).ToList());
        Assert.Equal(3, byLocal.Count);
        Assert.Equal("https://graph.microsoft.com/v1.0/me/events/delta?$deltatoken=a%2Fb'c", (await States.GetAsync(id, Resource))!.Cursor);
    }

    [Fact]
    public async Task Empty_id_lists_are_answered_without_a_query()
    {
        _commands.Clear();

        Assert.Empty(await States.GetLinksAsync(Guid.NewGuid(), Resource, []));
        Assert.Empty(await States.GetLinksByLocalIdAsync(Guid.NewGuid(), Resource, []));

        Assert.Empty(_commands.Commands);
    }

    [Fact]
    public async Task Two_processes_committing_the_state_they_read_at_one_version_one_wins_and_the_other_writes_no_link()
    {
        await using var other = database.CreateServices(TimeProvider.System);
        var otherStates = other.GetRequiredService<ISyncStateStore>();
        var id = Guid.NewGuid();
        await States.CommitAsync(new SyncCommit(SyncState.Empty(id, Resource)));

        for (var round = 0; round < 10; round++)
        {
            var read = (await States.GetAsync(id, Resource))!;
            var results = await Race.RunAsync(2, async i =>
            {
                try
                {
                    await (i == 0 ? States : otherStates).CommitAsync(new SyncCommit(read with { Cursor = $"{round}-{i}" }) { UpsertLinks = [new SyncItemLink($"{round}-{i}", "l", "v", null, 1)] });
                    return i;
                }
                catch (IntegrationException e) when (e.Code == IntegrationErrorCode.ConcurrencyConflict)
                {
                    return -1;
                }
            });

            var winner = Assert.Single(results, r => r >= 0);
            Assert.Equal($"{round}-{winner}", (await States.GetAsync(id, Resource))!.Cursor);
            Assert.Single(await States.GetLinksAsync(id, Resource, [$"{round}-0", $"{round}-1"]));
        }
    }

    [Fact]
    public async Task Item_errors_of_a_run_follow_every_update_and_go_with_the_run()
    {
        var owner = new IntegrationOwner("acme", "alice");
        var run = new SyncRun { Id = Guid.NewGuid(), IntegrationId = Guid.NewGuid(), TenantId = owner.TenantId, UserId = owner.UserId, Provider = "google", Resource = Resource, StartedAt = StoreTestData.Start };
        SyncItemError[] errors = [Error("a"), Error("b"), Error("c")];
        await Runs.AddAsync(run with { Errors = errors[..1] });

        await Runs.UpdateAsync(run with { Errors = errors });
        Assert.Equal(errors, (await Runs.GetAsync(owner, run.Id))!.Errors);

        await Runs.UpdateAsync(run with { Errors = [errors[2], Error("d")] });
        Assert.Equal([errors[2], Error("d")], (await Runs.GetAsync(owner, run.Id))!.Errors);

        await Runs.UpdateAsync(run with { Errors = [] });
        Assert.Empty((await Runs.GetAsync(owner, run.Id))!.Errors);

        await Runs.UpdateAsync(run with { Errors = errors, Status = SyncRunStatus.PartiallySucceeded, CompletedAt = StoreTestData.Start });
        Assert.Equal(1, await Runs.DeleteCompletedBeforeAsync(StoreTestData.Start.AddDays(1)));
        Assert.Equal(["0"], await Sql.QueryTextAsync(database.ConnectionString, "SELECT count(*) FROM integrations.sync_item_errors"));
    }

    [Fact]
    public async Task A_run_update_is_one_statement()
    {
        var run = new SyncRun { Id = Guid.NewGuid(), IntegrationId = Guid.NewGuid(), UserId = "alice", Provider = "google", Resource = Resource, StartedAt = StoreTestData.Start };
        await Runs.AddAsync(run);
        _commands.Clear();

        await Runs.UpdateAsync(run with { Pages = 3, Local = new SyncCounts(1500, 1500, 0, 0, 0, 2), Errors = [Error("a"), Error("b")] });

        Assert.Single(_commands.Commands);
        Assert.Equal(3, (await Runs.GetForBackgroundAsync(run.Id))!.Pages);
    }

    [Fact]
    public async Task A_history_page_shorter_than_asked_for_is_one_statement_and_other_pages_count_the_total()
    {
        var owner = new IntegrationOwner(null, "alice");
        var integration = Guid.NewGuid();
        var key = new IntegrationKey(integration, owner);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var run = new SyncRun { Id = Guid.NewGuid(), IntegrationId = integration, UserId = owner.UserId, Provider = "google", Resource = Resource, StartedAt = StoreTestData.Start.AddMinutes(i) };
            await Runs.AddAsync(run);
            ids.Insert(0, run.Id);
        }

        async Task AssertPage(IntegrationKey of, int skip, int take, int total, IEnumerable<Guid> expected, int statements)
        {
            _commands.Clear();
            var page = await Runs.QueryAsync(of, new SyncHistoryQuery { Skip = skip, Take = take });
            Assert.Equal(total, page.TotalCount);
            Assert.Equal(expected, page.Runs.Select(r => r.Id));
            Assert.Equal(statements, _commands.Commands.Count);
        }

        await AssertPage(key, skip: 0, take: 50, total: 5, ids, statements: 1);
        await AssertPage(key, skip: 3, take: 50, total: 5, ids[3..], statements: 1);
        await AssertPage(key, skip: 1, take: 2, total: 5, ids[1..3], statements: 2);
        await AssertPage(key, skip: 5, take: 2, total: 5, [], statements: 2);
        await AssertPage(key, skip: 7, take: 2, total: 5, [], statements: 2);
        await AssertPage(key, skip: 0, take: 0, total: 5, [], statements: 1);
        await AssertPage(new IntegrationKey(Guid.NewGuid(), owner), skip: 0, take: 50, total: 0, [], statements: 1);
    }

    [Fact]
    public async Task A_code_unknown_to_this_version_reads_as_Unknown()
    {
        var run = new SyncRun { Id = Guid.NewGuid(), IntegrationId = Guid.NewGuid(), UserId = "alice", Provider = "google", Resource = Resource, StartedAt = StoreTestData.Start };
        await Runs.AddAsync(run with { ErrorCode = IntegrationErrorCode.SyncFailed, Errors = [Error("a")] });
        await Sql.ExecuteAsync(database.ConnectionString, "UPDATE integrations.sync_runs SET error_code = 'FromTheFuture'; UPDATE integrations.sync_item_errors SET code = 'FromTheFuture'");

        var read = (await Runs.GetForBackgroundAsync(run.Id))!;

        Assert.Equal(IntegrationErrorCode.Unknown, read.ErrorCode);
        Assert.Equal(IntegrationErrorCode.Unknown, Assert.Single(read.Errors).Code);
    }

    [Fact]
    public async Task Checkpoints_pending_creates_and_date_ranges_are_stored_in_a_fixed_json_shape_that_reads_back()
    {
        var id = Guid.NewGuid();
        var start = StoreTestData.Start;
        var state = SyncState.Empty(id, Resource) with
        {
            CursorDateRange = new SyncDateRange(start, null),
            Checkpoint = new SyncCheckpoint
            {
                Pass = 3,
                IsFullPass = true,
                StartCursor = "c-1",
                DateRange = new SyncDateRange(null, start),
                Phase = SyncPassPhase.Reconciling,
                PageToken = "p-2",
                PagesCompleted = 2,
                PendingCursor = "c-2",
                ReconcileAfter = "event-9",
                StartedAt = start,
            },
            PendingCreates = [new SyncPendingCreate("local-1", "7", "key-1"), new SyncPendingCreate("local-2", null, "key-2")],
        };
        var run = new SyncRun { Id = Guid.NewGuid(), IntegrationId = id, UserId = "alice", Provider = "google", Resource = Resource, StartedAt = start, DateRange = new SyncDateRange(start, start.AddDays(1)) };

        var saved = await States.CommitAsync(new SyncCommit(state));
        await Runs.AddAsync(run);

        // Rows written by earlier versions must stay readable: these documents are the stored format.
        Assert.Equal(["True"], await Sql.QueryTextAsync(database.ConnectionString, $$"""
            SELECT cursor_date_range = '{"from": "2026-01-01T12:00:00+00:00", "to": null}'::jsonb
                AND checkpoint = '{"pass": 3, "isFullPass": true, "startCursor": "c-1", "dateRange": {"from": null, "to": "2026-01-01T12:00:00+00:00"},
                    "phase": "Reconciling", "pageToken": "p-2", "pagesCompleted": 2, "pendingCursor": "c-2", "reconcileAfter": "event-9",
                    "startedAt": "2026-01-01T12:00:00+00:00"}'::jsonb
                AND pending_creates = '[{"localId": "local-1", "localVersion": "7", "idempotencyKey": "key-1"},
                    {"localId": "local-2", "localVersion": null, "idempotencyKey": "key-2"}]'::jsonb
            FROM integrations.sync_states WHERE integration_id = '{{id}}'
            """));
        Assert.Equal(["True"], await Sql.QueryTextAsync(database.ConnectionString, $$"""
            SELECT date_range = '{"from": "2026-01-01T12:00:00+00:00", "to": "2026-01-02T12:00:00+00:00"}'::jsonb
            FROM integrations.sync_runs WHERE id = '{{run.Id}}'
            """));
        var read = (await States.GetAsync(id, Resource))!;
        Assert.Equal(saved with { PendingCreates = [] }, read with { PendingCreates = [] });
        Assert.Equal(state.PendingCreates, read.PendingCreates);
        Assert.Equal(run.DateRange, (await Runs.GetForBackgroundAsync(run.Id))!.DateRange);
    }

    private static SyncItemError Error(string item) => new(SyncSide.Local, item, IntegrationErrorCode.InvalidRequest, $"item {item} failed");

    private static string ExternalId(int i) => $"event-{i:D6}";

    private static List<SyncItemLink> Links(int from, int count, long pass) =>
        Enumerable.Range(from, count).Select(i => new SyncItemLink(ExternalId(i), $"local-{i}", $"etag-{pass}", $"lv-{pass}", pass)).ToList();
}
