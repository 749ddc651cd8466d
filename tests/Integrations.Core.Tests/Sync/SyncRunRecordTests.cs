using Integrations.Core.Tests.Sync.Support;
using Integrations.Testing;

namespace Integrations.Core.Tests.Sync;

/// <summary>Behaviour 7 and the engine's REST-facing calls: run records, history, background runs, progress, cancellation.</summary>
public sealed class SyncRunRecordTests
{
    [Fact]
    public async Task The_run_record_holds_everything_the_history_shows()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(12);
        var started = world.Time.GetUtcNow();
        var initial = await world.SyncAsync(new SyncRequest { Type = SyncRunType.Initial, TriggeredBy = "user-1" });
        world.Server.Create(new SandboxItemData("new"));
        world.Local.Create(new SandboxItemData("local"));
        world.Local.BeforeApply = _ => { world.Time.Advance(TimeSpan.FromSeconds(3)); return Task.CompletedTask; };

        var run = await world.SyncAsync(new SyncRequest { Type = SyncRunType.Scheduled });

        var stored = await world.Host.Engine.GetRunAsync(world.Key, run.Id);
        Assert.Equal(run, stored);
        Assert.Equal((world.Integration.Id, "tenant-1", "user-1", "sandbox", "items"), (run.IntegrationId, run.TenantId, run.UserId, run.Provider, run.Resource));
        Assert.Equal((SyncRunType.Scheduled, (string?)null, SyncDirection.Both, false, false), (run.Type, run.TriggeredBy, run.Direction, run.IsDryRun, run.IsFullResync));
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(new SyncCounts(1, 1, 0, 0, 0, 0), run.Local);
        Assert.Equal(new SyncCounts(2, 1, 0, 0, 1, 0), run.Remote);
        Assert.Equal(initial.CursorAfter, run.CursorBefore);
        Assert.NotEqual(run.CursorBefore, run.CursorAfter);
        Assert.Equal(TimeSpan.FromSeconds(3), run.Duration);
        Assert.Equal((SyncRunType.Initial, "user-1", started), (initial.Type, initial.TriggeredBy, initial.StartedAt));
        Assert.True(initial.IsFullResync);
        Assert.Null(run.ErrorCode);
    }

    [Fact]
    public async Task Start_returns_a_running_run_at_once_and_the_run_completes_in_the_background()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(15);
        var gate = new Gate();
        world.Local.BeforeApply = gate.AtCall(12);
        var progress = new List<SyncProgress>();

        var started = Assert.Single(await world.Host.Engine.StartAsync(world.Key, new SyncRequest(), new Progress(progress)));
        await gate.Reached;

        Assert.Equal(SyncRunStatus.Running, started.Status);
        var live = (await world.Host.Engine.GetRunAsync(world.Key, started.Id))!;
        Assert.Equal(SyncRunStatus.Running, live.Status);
        Assert.Equal((1, 10), (live.Pages, live.Local.Created));

        gate.Open();
        var done = (await world.Host.Internal.WaitForRunAsync(started.Id))!;
        Assert.Equal(SyncRunStatus.Succeeded, done.Status);
        Assert.Equal(done, await world.Host.Engine.GetRunAsync(world.Key, started.Id));
        Assert.Equal([10, 15], progress.Where(p => p.Phase == SyncPhase.Pulling).Select(p => p.Local.Created));
        Assert.All(progress, p => Assert.Equal(started.Id, p.RunId));
        Assert.Equal((SyncPhase.Completed, 15, 15L), (progress[^1].Phase, progress[^1].Local.Created, progress[^1].TotalEstimate));
    }

    [Fact]
    public async Task A_run_cancelled_through_the_engine_ends_cancelled_and_resumes_later()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(15);
        var gate = new Gate();
        world.Local.BeforeApply = gate.AtCall(12);
        var started = Assert.Single(await world.Host.Engine.StartAsync(world.Key, new SyncRequest()));
        await gate.Reached;

        Assert.False(await world.Host.Engine.CancelAsync(new IntegrationKey(world.Integration.Id, IntegrationOwner.ForUser("intruder")), started.Id));
        Assert.True(await world.Host.Engine.CancelAsync(world.Key, started.Id));
        gate.Open();

        Assert.Equal(SyncRunStatus.Cancelled, (await world.Host.Internal.WaitForRunAsync(started.Id))!.Status);
        world.Local.BeforeApply = null;
        Assert.Equal(3, (await world.SyncAsync()).Local.Created);
    }

    [Fact]
    public async Task History_is_filtered_by_status_and_time_paged_newest_first_with_the_total()
    {
        await using var world = await SyncWorld.CreateAsync();
        List<SyncRun> runs = [];
        for (var i = 0; i < 7; i++)
        {
            world.Time.Advance(TimeSpan.FromMinutes(10));
            if (i % 3 == 2)
            {
                world.Server.FailNextRequests(System.Net.HttpStatusCode.BadGateway);
            }

            runs.Add(await world.SyncAsync());
        }

        var engine = world.Host.Engine;
        var all = await engine.GetHistoryAsync(world.Key, new SyncHistoryQuery { Take = 3 });
        Assert.Equal(7, all.TotalCount);
        Assert.Equal(runs.AsEnumerable().Reverse().Take(3).Select(r => r.Id), all.Runs.Select(r => r.Id));

        var page2 = await engine.GetHistoryAsync(world.Key, new SyncHistoryQuery { Skip = 3, Take = 3 });
        Assert.Equal(runs.AsEnumerable().Reverse().Skip(3).Take(3).Select(r => r.Id), page2.Runs.Select(r => r.Id));

        var failed = await engine.GetHistoryAsync(world.Key, new SyncHistoryQuery { Statuses = [SyncRunStatus.Failed] });
        Assert.Equal([runs[5].Id, runs[2].Id], failed.Runs.Select(r => r.Id));
        Assert.Equal(2, failed.TotalCount);

        var window = await engine.GetHistoryAsync(world.Key, new SyncHistoryQuery { StartedFrom = runs[1].StartedAt, StartedBefore = runs[4].StartedAt });
        Assert.Equal([runs[3].Id, runs[2].Id, runs[1].Id], window.Runs.Select(r => r.Id));

        var stranger = new IntegrationKey(world.Integration.Id, new IntegrationOwner("tenant-2", "user-1"));
        Assert.Equal(0, (await engine.GetHistoryAsync(stranger, new SyncHistoryQuery())).TotalCount);
        Assert.Null(await engine.GetRunAsync(stranger, runs[0].Id));
        Assert.Null(await engine.GetRunAsync(new IntegrationKey(Guid.NewGuid(), world.Integration.Owner), runs[0].Id));

        var invalid = await Assert.ThrowsAsync<IntegrationException>(() => engine.GetHistoryAsync(world.Key, new SyncHistoryQuery { Take = 0 }));
        Assert.Equal(IntegrationErrorCode.InvalidRequest, invalid.Code);
    }

    [Fact]
    public async Task Requests_for_unknown_integrations_resources_or_directions_are_refused()
    {
        await using var world = await SyncWorld.CreateAsync();
        var engine = world.Host.Engine;

        Assert.Equal(IntegrationErrorCode.IntegrationNotFound, (await Assert.ThrowsAsync<IntegrationException>(() =>
            engine.RunAsync(new IntegrationKey(world.Integration.Id, IntegrationOwner.ForUser("someone-else")), new SyncRequest()))).Code);
        Assert.Equal(IntegrationErrorCode.InvalidRequest, (await Assert.ThrowsAsync<IntegrationException>(() =>
            engine.RunAsync(world.Key, new SyncRequest { Resources = ["contacts"] }))).Code);
        Assert.Equal(IntegrationErrorCode.InvalidRequest, (await Assert.ThrowsAsync<IntegrationException>(() =>
            engine.RunAsync(world.Key, new SyncRequest { DateRange = new SyncDateRange(world.Time.GetUtcNow(), world.Time.GetUtcNow()) }))).Code);

        await world.Integrations.UpdateAsync((await world.ReloadIntegrationAsync()) with { Status = IntegrationStatus.Disabled });
        Assert.Equal(IntegrationErrorCode.IntegrationInactive, (await Assert.ThrowsAsync<IntegrationException>(() =>
            engine.RunAsync(world.Key, new SyncRequest()))).Code);
    }

    [Fact]
    public async Task A_resource_without_a_change_feed_is_pulled_and_cannot_be_pushed()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(2);
        var host = world.CreateHost(builder: b => b
            .AddSandboxSync(world.Server, o => o.Resource = "readonly")
            .AddSyncResource<SandboxItemData, PullOnlyHandler>("readonly"));

        var runs = await host.Engine.RunAsync(world.Key, new SyncRequest { Resources = ["readonly"] });

        Assert.Equal(SyncDirection.Pull, Assert.Single(runs).Direction);
        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Engine.RunAsync(world.Key, new SyncRequest { Resources = ["readonly"], Direction = SyncDirection.Push }));
        Assert.Equal(IntegrationErrorCode.InvalidRequest, error.Code);
        Assert.Equal(["items"], (await host.Engine.RunAsync(world.Key, new SyncRequest { Direction = SyncDirection.Push })).Select(r => r.Resource));
    }

    private sealed class PullOnlyHandler : ISyncHandler<SandboxItemData>
    {
        public ValueTask<SyncLocalResult> UpsertAsync(SyncContext context, SyncRemoteChange<SandboxItemData> change, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new SyncLocalResult("local-" + change.ExternalId, null));

        public ValueTask DeleteAsync(SyncContext context, SyncRemoteChange<SandboxItemData> change, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    /// <summary>Reports synchronously (unlike <see cref="Progress{T}"/>), so the test sees every report when the run ends.</summary>
    private sealed class Progress(List<SyncProgress> reports) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
