using System.Net;
using Integrations.Core.Tests.Sync.Support;
using Integrations.Testing;

namespace Integrations.Core.Tests.Sync;

/// <summary>Behaviour 5 (full resync): the cursor is ignored and items that vanished remotely are deleted locally.</summary>
public sealed class SyncFullResyncTests
{
    [Fact]
    public async Task A_forced_full_resync_deletes_local_items_that_vanished_remotely()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(23);
        await world.SyncAsync();
        foreach (var index in new[] { 0, 9, 22 })
        {
            world.Server.Purge(seeded[index].Id);
        }

        var incremental = await world.SyncAsync();
        Assert.Equal(0, incremental.Local.Changed);
        Assert.Equal(23, world.Local.Live.Count);

        var full = await world.SyncAsync(new SyncRequest { ForceFullResync = true });

        Assert.True(full.IsFullResync);
        Assert.Equal(SyncRunStatus.Succeeded, full.Status);
        Assert.Equal(3, full.Local.Deleted);
        Assert.Equal(20, full.Local.Skipped);
        Assert.Equal(20, await world.States.CountLinksAsync(world.Integration.Id, SyncWorld.Resource));
        await SyncAssert.SameItemsAsync(world);
        Assert.Equal((await world.StateAsync())!.Cursor, full.CursorAfter);
        Assert.Null((await world.StateAsync())!.Checkpoint);
    }

    [Fact]
    public async Task An_expired_cursor_makes_the_run_a_full_resync_that_reconciles()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(12);
        await world.SyncAsync();
        world.Server.Purge(seeded[3].Id);
        world.Server.Update(seeded[4].Id, new SandboxItemData("changed"));
        world.Server.ExpireSyncTokens();

        var run = await world.SyncAsync();

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.True(run.IsFullResync);
        Assert.Equal((1, 1), (run.Local.Updated, run.Local.Deleted));
        await SyncAssert.SameItemsAsync(world);
    }

    [Fact]
    public async Task A_page_token_that_expired_while_the_run_was_stopped_restarts_the_pass_in_full()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(25);
        world.Server.Intercept = SyncResumeTests.FailListingCall(3, HttpStatusCode.ServiceUnavailable);
        await world.SyncAsync();
        world.Server.Intercept = null;
        world.Server.ExpireSyncTokens();

        var run = await world.SyncAsync();

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.True(run.IsFullResync);
        Assert.Equal(5, run.Local.Created);
        Assert.Equal(20, run.Local.Skipped);
        SyncResumeTests.AssertEachVersionDeliveredOnce(world, expected: 25);
    }

    [Fact]
    public async Task A_sync_token_past_its_lifetime_is_refused_and_answered_with_a_full_resync()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.SyncTokenLifetime = TimeSpan.FromDays(7);
        world.Server.Seed(3);
        await world.SyncAsync();

        world.Time.Advance(TimeSpan.FromDays(8));
        var run = await world.SyncAsync();

        Assert.True(run.IsFullResync);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
    }

    [Fact]
    public async Task A_date_range_limits_the_full_sync_and_is_kept_with_the_cursor()
    {
        await using var world = await SyncWorld.CreateAsync();
        var day = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        world.Server.Seed(10, i => new SandboxItemData($"event {i}", Start: day.AddDays(i)));
        var march1To5 = new SyncDateRange(day, day.AddDays(5));

        var first = await world.SyncAsync(new SyncRequest { DateRange = march1To5 });

        Assert.Equal(5, first.Local.Created);
        Assert.Equal(march1To5, first.DateRange);
        Assert.Equal(march1To5, (await world.StateAsync())!.CursorDateRange);

        var scheduled = await world.SyncAsync();
        Assert.False(scheduled.IsFullResync);
        Assert.Equal(march1To5, scheduled.DateRange);

        var moved = await world.SyncAsync(new SyncRequest { DateRange = new SyncDateRange(day.AddDays(3), day.AddDays(8)) });

        Assert.True(moved.IsFullResync);
        Assert.Equal((3, 3), (moved.Local.Created, moved.Local.Deleted));
        Assert.Equal(["event 3", "event 4", "event 5", "event 6", "event 7"], world.Local.Live.Select(r => r.Data!.Title).Order());
    }
}
