using System.Net;
using Integrations.Core.Tests.Sync.Support;
using Integrations.Testing;

namespace Integrations.Core.Tests.Sync;

/// <summary>Behaviour 3: progress is saved per page, the cursor moves only after the last page, and a stopped run resumes without applying anything twice.</summary>
public sealed class SyncResumeTests
{
    [Fact]
    public async Task Initial_sync_pulls_every_page_and_saves_the_cursor_of_the_last_page()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(25);

        var run = await world.SyncAsync();

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(3, run.Pages);
        Assert.Equal(25, run.Local.Created);
        await SyncAssert.SameItemsAsync(world);
        var state = await world.StateAsync();
        Assert.NotNull(state!.Cursor);
        Assert.Null(state.Checkpoint);
        Assert.Equal(state.Cursor, run.CursorAfter);
        Assert.Null(run.CursorBefore);
        Assert.Equal(25, await world.States.CountLinksAsync(world.Integration.Id, SyncWorld.Resource));
    }

    [Fact]
    public async Task Incremental_sync_applies_only_changes_since_the_cursor()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(12);
        await world.SyncAsync();
        var callsAfterInitial = world.Local.HandlerCalls;

        world.Server.Update(seeded[3].Id, new SandboxItemData("changed"));
        world.Server.Delete(seeded[5].Id);
        world.Server.Create(new SandboxItemData("new"));
        var run = await world.SyncAsync();

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.False(run.IsFullResync);
        Assert.Equal((1, 1, 1), (run.Local.Created, run.Local.Updated, run.Local.Deleted));
        Assert.Equal(3, world.Local.HandlerCalls - callsAfterInitial);
        Assert.Equal("changed", world.Local.FindByExternalId(seeded[3].Id)!.Data!.Title);
        Assert.DoesNotContain(world.Local.Live, r => r.ExternalId == seeded[5].Id);
    }

    [Fact]
    public async Task A_run_that_fails_mid_pass_keeps_the_cursor_and_the_next_run_resumes_at_the_saved_page()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(25);
        world.Server.Intercept = FailListingCall(3, HttpStatusCode.InternalServerError);

        var failed = await world.SyncAsync();

        Assert.Equal(SyncRunStatus.Failed, failed.Status);
        Assert.Equal(IntegrationErrorCode.ProviderUnavailable, failed.ErrorCode);
        Assert.Equal(20, failed.Local.Created);
        var state = await world.StateAsync();
        Assert.Null(state!.Cursor);
        Assert.Equal(2, state.Checkpoint!.PagesCompleted);
        Assert.NotNull(state.Checkpoint.PageToken);

        world.Server.Intercept = null;
        var listingsBefore = world.Server.RequestCount(SandboxRequestKind.List);
        var resumed = await world.SyncAsync();

        Assert.Equal(SyncRunStatus.Succeeded, resumed.Status);
        Assert.Equal(1, world.Server.RequestCount(SandboxRequestKind.List) - listingsBefore);
        Assert.Equal(5, resumed.Local.Created);
        Assert.NotNull((await world.StateAsync())!.Cursor);
        AssertEachVersionDeliveredOnce(world, expected: 25);
    }

    [Fact]
    public async Task Cancellation_mid_page_saves_the_items_applied_and_the_next_run_applies_each_item_once()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(25);
        using var cancel = new CancellationTokenSource();
        var applied = 0;
        world.Local.BeforeApply = _ =>
        {
            if (++applied == 15)
            {
                cancel.Cancel();
            }

            return Task.CompletedTask;
        };

        var cancelled = await world.SyncAsync(cancellationToken: cancel.Token);

        Assert.Equal(SyncRunStatus.Cancelled, cancelled.Status);
        Assert.Equal(15, world.Local.HandlerCalls);
        Assert.Equal(15, await world.States.CountLinksAsync(world.Integration.Id, SyncWorld.Resource));
        Assert.Null((await world.StateAsync())!.Cursor);

        world.Local.BeforeApply = null;
        var resumed = await world.SyncAsync();

        Assert.Equal(SyncRunStatus.Succeeded, resumed.Status);
        Assert.Equal(10, resumed.Local.Created);
        AssertEachVersionDeliveredOnce(world, expected: 25);
    }

    [Fact]
    public async Task A_run_stopped_by_failing_items_saves_the_items_applied_before_and_resumes_at_that_page()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(25);
        var poisoned = seeded.Skip(12).Take(3).Select(i => i.Id).ToHashSet();
        world.Local.BeforeApply = change => poisoned.Contains(change.ExternalId) ? throw new InvalidOperationException("database down") : Task.CompletedTask;
        var host = world.CreateHost(o => o.MaxConsecutiveItemFailures = 3);

        var failed = (await host.Engine.RunAsync(world.Key, new SyncRequest())).Single();

        Assert.Equal(SyncRunStatus.Failed, failed.Status);
        Assert.Equal(IntegrationErrorCode.SyncFailed, failed.ErrorCode);
        Assert.Equal(3, failed.Local.Failed);
        Assert.Equal(12, await world.States.CountLinksAsync(world.Integration.Id, SyncWorld.Resource));

        world.Local.BeforeApply = null;
        var resumed = (await host.Engine.RunAsync(world.Key, new SyncRequest())).Single();

        Assert.Equal(SyncRunStatus.Succeeded, resumed.Status);
        Assert.Equal(13, resumed.Local.Created);
        Assert.Equal(2, resumed.Local.Skipped);
        AssertEachVersionDeliveredOnce(world, expected: 25, ignoringFailures: poisoned);
    }

    internal static Func<HttpRequestMessage, HttpResponseMessage?> FailListingCall(int call, HttpStatusCode status)
    {
        var listings = 0;
        return request => request.Method == HttpMethod.Get && ++listings == call ? new HttpResponseMessage(status) : null;
    }

    internal static void AssertEachVersionDeliveredOnce(SyncWorld world, int expected, IReadOnlySet<string>? ignoringFailures = null)
    {
        var deliveries = world.Local.Deliveries;
        var byVersion = deliveries.GroupBy(d => (d.ExternalId, d.RemoteVersion, d.IsDelete)).ToList();
        Assert.Equal(expected, byVersion.Count);
        Assert.All(byVersion, g => Assert.Single(g, d => d.Effective));
        Assert.All(byVersion.Where(g => ignoringFailures?.Contains(g.Key.ExternalId) != true), g => Assert.Single(g));
        Assert.DoesNotContain(deliveries, d => d.PossibleRedelivery);
    }
}
