using Integrations;
using Xunit;

namespace Integrations.TestSupport.Conformance.Sync;

/// <summary>
/// What every <see cref="ISyncRunStore"/> must do. Derive and return a new empty store from
/// <see cref="CreateStoreAsync"/>. Times are whole seconds in UTC.
/// </summary>
public abstract class SyncRunStoreConformance
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly IntegrationOwner Owner = new("tenant-1", "user-1");

    protected abstract Task<ISyncRunStore> CreateStoreAsync();

    [Fact]
    public async Task A_run_is_read_back_whole_by_its_owner_only()
    {
        var store = await CreateStoreAsync();
        var run = FullRun(Guid.NewGuid());

        await store.AddAsync(run);

        AssertSameRun(run, await store.GetAsync(Owner, run.Id));
        AssertSameRun(run, await store.GetForBackgroundAsync(run.Id));
        Assert.Null(await store.GetAsync(new IntegrationOwner("tenant-2", "user-1"), run.Id));
        Assert.Null(await store.GetAsync(Owner, Guid.NewGuid()));
    }

    [Fact]
    public async Task Adding_a_run_id_twice_fails()
    {
        var store = await CreateStoreAsync();
        var run = NewRun(Guid.NewGuid(), Now);
        await store.AddAsync(run);

        await Assert.ThrowsAnyAsync<Exception>(() => store.AddAsync(run));
    }

    [Fact]
    public async Task An_update_replaces_the_run()
    {
        var store = await CreateStoreAsync();
        var started = NewRun(Guid.NewGuid(), Now);
        await store.AddAsync(started);
        var completed = FullRun(started.IntegrationId) with { Id = started.Id };

        await store.UpdateAsync(completed);

        AssertSameRun(completed, await store.GetAsync(Owner, started.Id));
    }

    [Fact]
    public async Task Updating_an_unknown_run_fails()
    {
        var store = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<IntegrationException>(() => store.UpdateAsync(NewRun(Guid.NewGuid(), Now)));

        Assert.Equal(IntegrationErrorCode.InvalidRequest, error.Code);
    }

    [Fact]
    public async Task History_queries_filter_page_and_count_newest_first()
    {
        var store = await CreateStoreAsync();
        var integration = Guid.NewGuid();
        List<SyncRun> runs = [];
        for (var i = 0; i < 8; i++)
        {
            var run = NewRun(integration, Now.AddMinutes(i)) with
            {
                Resource = i % 2 == 0 ? "calendar-events" : "contacts",
                Status = i % 3 == 0 ? SyncRunStatus.Failed : SyncRunStatus.Succeeded,
            };
            runs.Add(run);
            await store.AddAsync(run);
        }

        await store.AddAsync(NewRun(Guid.NewGuid(), Now));
        await store.AddAsync(NewRun(integration, Now) with { TenantId = "tenant-2" });
        var key = new IntegrationKey(integration, Owner);

        var page = await store.QueryAsync(key, new SyncHistoryQuery { Skip = 2, Take = 3 });
        Assert.Equal(8, page.TotalCount);
        Assert.Equal([runs[5].Id, runs[4].Id, runs[3].Id], page.Runs.Select(r => r.Id));

        var failedEvents = await store.QueryAsync(key, new SyncHistoryQuery { Resource = "calendar-events", Statuses = [SyncRunStatus.Failed] });
        Assert.Equal([runs[6].Id, runs[0].Id], failedEvents.Runs.Select(r => r.Id));
        Assert.Equal(2, failedEvents.TotalCount);

        var window = await store.QueryAsync(key, new SyncHistoryQuery { StartedFrom = Now.AddMinutes(2), StartedBefore = Now.AddMinutes(5) });
        Assert.Equal([runs[4].Id, runs[3].Id, runs[2].Id], window.Runs.Select(r => r.Id));

        var several = await store.QueryAsync(key, new SyncHistoryQuery { Statuses = [SyncRunStatus.Failed, SyncRunStatus.Succeeded], Take = 100 });
        Assert.Equal(8, several.Runs.Count);
    }

    [Fact]
    public async Task Running_runs_are_listed_per_integration_and_resource_newest_first()
    {
        var store = await CreateStoreAsync();
        var integration = Guid.NewGuid();
        var older = NewRun(integration, Now);
        var newer = NewRun(integration, Now.AddMinutes(1));
        await store.AddAsync(older);
        await store.AddAsync(newer);
        await store.AddAsync(NewRun(integration, Now) with { Status = SyncRunStatus.Succeeded, CompletedAt = Now });
        await store.AddAsync(NewRun(integration, Now) with { Resource = "contacts" });
        await store.AddAsync(NewRun(Guid.NewGuid(), Now));

        var running = await store.ListRunningForBackgroundAsync(integration, "calendar-events");

        Assert.Equal([newer.Id, older.Id], running.Select(r => r.Id));
    }

    [Fact]
    public async Task Completed_runs_started_before_a_time_are_deleted()
    {
        var store = await CreateStoreAsync();
        var integration = Guid.NewGuid();
        var old = NewRun(integration, Now) with { Status = SyncRunStatus.Succeeded, CompletedAt = Now };
        var oldRunning = NewRun(integration, Now);
        var recent = NewRun(integration, Now.AddDays(2)) with { Status = SyncRunStatus.Failed, CompletedAt = Now.AddDays(2) };
        foreach (var run in new[] { old, oldRunning, recent })
        {
            await store.AddAsync(run);
        }

        Assert.Equal(1, await store.DeleteCompletedBeforeAsync(Now.AddDays(1)));

        Assert.Null(await store.GetForBackgroundAsync(old.Id));
        Assert.NotNull(await store.GetForBackgroundAsync(oldRunning.Id));
        Assert.NotNull(await store.GetForBackgroundAsync(recent.Id));
    }

    private static SyncRun NewRun(Guid integrationId, DateTimeOffset startedAt) => new()
    {
        Id = Guid.NewGuid(),
        IntegrationId = integrationId,
        TenantId = Owner.TenantId,
        UserId = Owner.UserId,
        Provider = "google",
        Resource = "calendar-events",
        Status = SyncRunStatus.Running,
        StartedAt = startedAt,
    };

    private static SyncRun FullRun(Guid integrationId) => NewRun(integrationId, Now) with
    {
        Type = SyncRunType.Webhook,
        TriggeredBy = "admin-7",
        Direction = SyncDirection.Both,
        IsDryRun = true,
        IsFullResync = true,
        DateRange = new SyncDateRange(Now.AddDays(-30), Now.AddDays(30)),
        Status = SyncRunStatus.PartiallySucceeded,
        Local = new SyncCounts(10, 4, 3, 1, 1, 1),
        Remote = new SyncCounts(5, 1, 1, 1, 1, 1),
        Conflicts = 2,
        Pages = 3,
        Errors = [new SyncItemError(SyncSide.Local, "event-1", IntegrationErrorCode.InvalidRequest, "bad date"), new SyncItemError(SyncSide.Remote, "local-9", IntegrationErrorCode.PermissionDenied, "forbiddenForNonOrganizer")],
        ErrorCode = IntegrationErrorCode.RateLimitExceeded,
        ErrorMessage = "slow down",
        ResumeAt = Now.AddMinutes(15),
        CursorBefore = "sync-token-1",
        CursorAfter = "sync-token-2",
        CompletedAt = Now.AddSeconds(90),
    };

    private static void AssertSameRun(SyncRun expected, SyncRun? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Errors = [] }, actual with { Errors = [] });
        Assert.Equal(expected.Errors, actual.Errors);
    }
}
