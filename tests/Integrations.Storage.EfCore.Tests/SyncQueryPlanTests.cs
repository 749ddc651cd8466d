using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport.Conformance;
using Xunit.Abstractions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// Every statement the sync stores send can be answered from an index: PostgreSQL's plan for the
/// store's real SQL and parameters (sequential scans disabled) names the expected index and scans
/// no table whole. Seeded like a real host: many integrations, a history per integration, thousands
/// of links per resource, few of them unseen by the latest full pass.
/// </summary>
public sealed class SyncQueryPlanTests(MigratedDatabase database, ITestOutputHelper output) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private const string Resource = "calendar-events";
    private const long CurrentPass = 2;
    private static readonly IntegrationOwner Alice = new("acme", "alice");
    private static readonly Guid Integration = new("00000000-0000-0000-0000-000000000042");
    private readonly CommandRecorder _commands = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var collection = new ServiceCollection();
        collection.AddPooledDbContextFactory<IntegrationsDbContext>(o => o.UseNpgsql(database.ConnectionString).AddInterceptors(_commands));
        _services = collection.AddIntegrations().AddEntityFrameworkCoreStores<IntegrationsDbContext>().Services.BuildServiceProvider();

        // Seeded once for the class (the tests only read, or plan without running).
        if (await Sql.QueryTextAsync(database.ConnectionString, "SELECT count(*) FROM integrations.sync_runs") is not ["0"])
        {
            return;
        }

        var runs = _services.GetRequiredService<ISyncRunStore>();
        var states = _services.GetRequiredService<ISyncStateStore>();
        for (var i = 0; i < 40; i++)
        {
            var integration = i == 0 ? Integration : Guid.NewGuid();
            for (var r = 0; r < 50; r++)
            {
                await runs.AddAsync(new SyncRun
                {
                    Id = Guid.NewGuid(),
                    IntegrationId = integration,
                    TenantId = Alice.TenantId,
                    UserId = i == 0 ? Alice.UserId : $"user-{i}",
                    Provider = "google",
                    Resource = r % 2 == 0 ? Resource : "contacts",
                    Status = r == 49 ? SyncRunStatus.Running : r % 7 == 0 ? SyncRunStatus.PartiallySucceeded : SyncRunStatus.Succeeded,
                    Errors = r % 7 == 0 ? [new SyncItemError(SyncSide.Local, "e", IntegrationErrorCode.InvalidRequest, "bad")] : [],
                    StartedAt = StoreTestData.Start.AddHours(r - 50),
                });
            }

            var state = SyncState.Empty(integration, Resource);
            for (var page = 0; page < 4; page++)
            {
                var links = Enumerable.Range(page * 500, 500)
                    .Select(n => new SyncItemLink($"event-{n:D6}", $"local-{i}-{n}", "etag", "lv", n % 100 == 0 ? CurrentPass - 1 : CurrentPass))
                    .ToList();
                state = await states.CommitAsync(new SyncCommit(state with { PassNumber = CurrentPass }) { UpsertLinks = links });
            }
        }

        await Sql.ExecuteAsync(database.ConnectionString, "ANALYZE");
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    public static TheoryData<string, string[]> Statements => new()
    {
        { "state", ["ux_sync_states_integration_resource"] },
        { "links-by-external-id", ["pk_sync_item_links"] },
        { "links-by-local-id", ["ix_sync_item_links_local_id"] },
        { "links-not-seen", ["ix_sync_item_links_not_seen"] },
        { "links-not-seen-after", ["ix_sync_item_links_not_seen"] },
        { "count-links", ["sync_item_links"] },
        { "commit", ["ux_sync_states_integration_resource", "pk_sync_item_links"] },
        { "delete-all", ["ux_sync_states_integration_resource", "sync_item_links"] },
        { "run", ["pk_sync_runs", "pk_sync_item_errors"] },
        { "run-for-background", ["pk_sync_runs", "pk_sync_item_errors"] },
        { "update-run", ["pk_sync_runs", "pk_sync_item_errors"] },
        { "history", ["ix_sync_runs_history", "pk_sync_item_errors"] },
        { "history-filtered", ["ix_sync_runs_history"] },
        { "running", ["ix_sync_runs_running"] },
        { "retention", ["ix_sync_runs_completed_started_at"] },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task Sync_store_statement_is_answered_from_its_indexes(string statement, string[] indexes)
    {
        var states = _services.GetRequiredService<ISyncStateStore>();
        var runs = _services.GetRequiredService<ISyncRunStore>();
        var anyRun = (await runs.QueryAsync(new IntegrationKey(Integration, Alice), new SyncHistoryQuery { Take = 1 })).Runs[0];
        var state = (await states.GetAsync(Integration, Resource))!;
        _commands.Clear();

        await (statement switch
        {
            "state" => states.GetAsync(Integration, Resource),
            "links-by-external-id" => states.GetLinksAsync(Integration, Resource, ["event-000001", "event-000002", "missing"]),
            "links-by-local-id" => states.GetLinksByLocalIdAsync(Integration, Resource, ["local-0-1", "local-0-2"]),
            "links-not-seen" => states.ListLinksNotSeenAsync(Integration, Resource, CurrentPass, null, 500),
            "links-not-seen-after" => states.ListLinksNotSeenAsync(Integration, Resource, CurrentPass, "event-000900", 500),
            "count-links" => states.CountLinksAsync(Integration, Resource),
            "commit" => CommitWithStaleVersionAsync(states, state),
            "delete-all" => states.DeleteAllAsync(Guid.NewGuid()),
            "run" => runs.GetAsync(Alice, anyRun.Id),
            "run-for-background" => runs.GetForBackgroundAsync(anyRun.Id),
            "update-run" => UpdateMissingRunAsync(runs, anyRun),
            "history" => runs.QueryAsync(new IntegrationKey(Integration, Alice), new SyncHistoryQuery { Skip = 10, Take = 10 }),
            "history-filtered" => runs.QueryAsync(new IntegrationKey(Integration, Alice), new SyncHistoryQuery
            {
                Resource = Resource,
                Statuses = [SyncRunStatus.PartiallySucceeded, SyncRunStatus.Failed],
                StartedFrom = StoreTestData.Start.AddDays(-1),
                StartedBefore = StoreTestData.Start,
            }),
            "running" => runs.ListRunningForBackgroundAsync(Integration, Resource),
            "retention" => runs.DeleteCompletedBeforeAsync(StoreTestData.Start.AddDays(-30)),
            _ => throw new ArgumentOutOfRangeException(nameof(statement)),
        });

        Assert.NotEmpty(_commands.Commands);
        List<string> plans = [];
        foreach (var command in _commands.Commands)
        {
            var plan = await command.ExplainAsync(database.ConnectionString);
            output.WriteLine(command.Text + "\n" + plan + "\n");
            Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
            plans.Add(plan);
        }

        Assert.All(indexes, index => Assert.Contains(plans, p => p.Contains(index, StringComparison.Ordinal)));
    }

    /// <summary>Sends the real commit statement (a page of upserts and deletes) but with a stale version, so it changes nothing.</summary>
    private static async Task CommitWithStaleVersionAsync(ISyncStateStore states, SyncState state)
    {
        var commit = new SyncCommit(state with { Version = state.Version + 100 })
        {
            UpsertLinks = Enumerable.Range(0, 500).Select(n => new SyncItemLink($"event-{n:D6}", $"local-0-{n}", "etag-2", "lv", CurrentPass)).ToList(),
            DeleteLinks = ["event-001999"],
        };
        await Assert.ThrowsAsync<IntegrationException>(() => states.CommitAsync(commit));
    }

    private static async Task UpdateMissingRunAsync(ISyncRunStore runs, SyncRun run) =>
        await Assert.ThrowsAsync<IntegrationException>(() => runs.UpdateAsync(run with { Id = Guid.NewGuid(), Errors = [new SyncItemError(SyncSide.Local, "e", IntegrationErrorCode.InvalidRequest, "bad")] }));
}
