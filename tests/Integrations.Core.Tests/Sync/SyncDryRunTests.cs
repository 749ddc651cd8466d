using Integrations.Core.Tests.Sync.Support;
using Integrations.Testing;

namespace Integrations.Core.Tests.Sync;

/// <summary>Behaviour 5 (dry run): what would change on each side is reported, and nothing is written.</summary>
public sealed class SyncDryRunTests
{
    [Fact]
    public async Task A_dry_run_reports_the_changes_of_both_sides_writes_nothing_and_predicts_the_real_run()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(6);
        await world.SyncAsync();
        world.Server.Update(seeded[0].Id, new SandboxItemData("remote edit"));
        world.Server.Delete(seeded[1].Id);
        world.Server.Create(new SandboxItemData("remote new 1"));
        world.Server.Create(new SandboxItemData("remote new 2"));
        world.Local.Create(new SandboxItemData("local new"));
        world.Local.Update(world.Local.FindByExternalId(seeded[2].Id)!.LocalId, new SandboxItemData("local edit"));
        world.Local.Delete(world.Local.FindByExternalId(seeded[3].Id)!.LocalId);
        var before = await Snapshot.TakeAsync(world);

        var dry = await world.SyncAsync(new SyncRequest { DryRun = true });

        Assert.True(dry.IsDryRun);
        Assert.Equal(SyncRunStatus.Succeeded, dry.Status);
        Assert.Equal((2, 1, 1), (dry.Local.Created, dry.Local.Updated, dry.Local.Deleted));
        Assert.Equal((1, 1, 1), (dry.Remote.Created, dry.Remote.Updated, dry.Remote.Deleted));
        Assert.Equal(dry.CursorBefore, dry.CursorAfter);
        Assert.Equal(before, await Snapshot.TakeAsync(world));

        var real = await world.SyncAsync();

        Assert.Equal(dry.Local with { Skipped = 0, Processed = 0 }, real.Local with { Skipped = 0, Processed = 0 });
        Assert.Equal(dry.Remote with { Skipped = 0, Processed = 0 }, real.Remote with { Skipped = 0, Processed = 0 });
    }

    [Fact]
    public async Task A_dry_full_resync_counts_the_local_items_it_would_delete_without_deleting_them()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(15);
        await world.SyncAsync();
        world.Server.Purge(seeded[4].Id);
        world.Server.Purge(seeded[12].Id);
        var before = await Snapshot.TakeAsync(world);

        var dry = await world.SyncAsync(new SyncRequest { DryRun = true, ForceFullResync = true });

        Assert.True(dry.IsFullResync);
        Assert.Equal(2, dry.Local.Deleted);
        Assert.Equal(13, dry.Local.Skipped);
        Assert.Equal(before, await Snapshot.TakeAsync(world));
    }

    [Fact]
    public async Task A_dry_run_resuming_an_unfinished_pass_writes_no_checkpoint()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(25);
        world.Server.Intercept = SyncResumeTests.FailListingCall(2, System.Net.HttpStatusCode.BadGateway);
        await world.SyncAsync();
        world.Server.Intercept = null;
        var before = await Snapshot.TakeAsync(world);

        var dry = await world.SyncAsync(new SyncRequest { DryRun = true });

        Assert.Equal(15, dry.Local.Created);
        Assert.Equal(before, await Snapshot.TakeAsync(world));
    }

    [Fact]
    public async Task A_dry_run_counts_a_conflict_the_local_side_wins_once_as_the_real_run_does()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(3);
        await world.SyncAsync();
        var host = world.CreateHost(resource: r => r.ConflictPolicy = SyncConflictPolicy.LocalWins);
        world.Server.Update(seeded[0].Id, new SandboxItemData("remote edit"));
        world.Local.Update(world.Local.FindByExternalId(seeded[0].Id)!.LocalId, new SandboxItemData("local edit"));
        world.Server.Delete(seeded[1].Id);
        world.Local.Update(world.Local.FindByExternalId(seeded[1].Id)!.LocalId, new SandboxItemData("keep me"));
        var before = await Snapshot.TakeAsync(world);

        var dry = (await host.Engine.RunAsync(world.Key, new SyncRequest { DryRun = true })).Single();

        Assert.Equal(2, dry.Conflicts);
        Assert.Equal((1, 1, 0, 2), (dry.Remote.Created, dry.Remote.Updated, dry.Remote.Deleted, dry.Remote.Processed));
        Assert.Equal(before, await Snapshot.TakeAsync(world));

        var real = (await host.Engine.RunAsync(world.Key, new SyncRequest())).Single();

        Assert.Equal(dry.Remote, real.Remote);
        Assert.Equal(dry.Conflicts, real.Conflicts);
        Assert.Equal("local edit", world.Server.Get(seeded[0].Id)!.Data!.Title);
        await SyncAssert.SameItemsAsync(world);
    }

    /// <summary>Everything a dry run must leave alone.</summary>
    private sealed record Snapshot(int ServerWrites, int HandlerCalls, long StateVersion, string? Cursor, long Links, string Remote, string Local)
    {
        public static async Task<Snapshot> TakeAsync(SyncWorld world) => new(
            world.Server.RequestCount(SandboxRequestKind.Writes),
            world.Local.HandlerCalls,
            (await world.StateAsync())?.Version ?? 0,
            (await world.StateAsync())?.Cursor,
            await world.States.CountLinksAsync(world.Integration.Id, SyncWorld.Resource),
            string.Join(",", world.Server.Items.Select(i => $"{i.Id}:{i.ETag}")),
            string.Join(",", world.Local.Live.Select(r => $"{r.LocalId}:{r.Version}")));
    }
}
