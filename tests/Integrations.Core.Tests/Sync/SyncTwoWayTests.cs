using Integrations.Core.Tests.Sync.Support;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Sync;

/// <summary>Behaviour 4: local changes are pushed, echoes are suppressed, conflicts settled by policy, deletions go both ways.</summary>
public sealed class SyncTwoWayTests
{
    [Fact]
    public async Task Local_changes_are_pushed_and_the_next_run_neither_reimports_nor_pushes_them_again()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(3);
        await world.SyncAsync();
        var created = world.Local.Create(new SandboxItemData("made locally"));
        var edited = world.Local.FindByExternalId(seeded[0].Id)!.LocalId;
        world.Local.Update(edited, new SandboxItemData("edited locally"));
        var deleted = world.Local.FindByExternalId(seeded[1].Id)!.LocalId;
        world.Local.Delete(deleted);
        var callsBefore = world.Local.HandlerCalls;

        var push = await world.SyncAsync();

        Assert.Equal(SyncDirection.Both, push.Direction);
        Assert.Equal((1, 1, 1), (push.Remote.Created, push.Remote.Updated, push.Remote.Deleted));
        Assert.Equal("edited locally", world.Server.Get(seeded[0].Id)!.Data!.Title);
        Assert.True(world.Server.Get(seeded[1].Id)!.IsDeleted);
        Assert.Contains(world.Server.Items, i => i.Data!.Title == "made locally");
        await SyncAssert.SameItemsAsync(world);

        var echo = await world.SyncAsync();

        Assert.Equal(0, echo.Local.Changed);
        Assert.Equal(0, echo.Remote.Changed);
        Assert.Equal(3, echo.Local.Skipped);
        Assert.Equal(callsBefore, world.Local.HandlerCalls);
        var links = await world.States.GetLinksByLocalIdAsync(world.Integration.Id, SyncWorld.Resource, [created]);
        Assert.Equal(world.Server.Items.Single(i => i.Data!.Title == "made locally").Id, links[created].ExternalId);
    }

    [Fact]
    public async Task Remote_changes_applied_locally_are_not_pushed_back()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(4);
        await world.SyncAsync();
        world.Server.Update(seeded[2].Id, new SandboxItemData("changed remotely"));
        var writes = world.Server.RequestCount(SandboxRequestKind.Writes);

        var run = await world.SyncAsync();

        Assert.Equal(1, run.Local.Updated);
        Assert.Equal(0, run.Remote.Changed);
        Assert.Equal(1, run.Remote.Skipped);
        Assert.Equal(writes, world.Server.RequestCount(SandboxRequestKind.Writes));
    }

    [Fact]
    public async Task Deletions_propagate_both_ways()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(4);
        await world.SyncAsync();

        world.Server.Delete(seeded[0].Id);
        world.Local.Delete(world.Local.FindByExternalId(seeded[1].Id)!.LocalId);
        var run = await world.SyncAsync();

        Assert.Equal(1, run.Local.Deleted);
        Assert.Equal(1, run.Remote.Deleted);
        Assert.Null(world.Local.FindByExternalId(seeded[0].Id) is { Deleted: false } ? "still there" : null);
        Assert.True(world.Server.Get(seeded[1].Id)!.IsDeleted);
        Assert.Equal(2, await world.States.CountLinksAsync(world.Integration.Id, SyncWorld.Resource));
        await SyncAssert.SameItemsAsync(world);
    }

    [Theory]
    [InlineData(SyncConflictPolicy.RemoteWins, "remote edit")]
    [InlineData(SyncConflictPolicy.LocalWins, "local edit")]
    [InlineData(SyncConflictPolicy.NewestWins, "local edit")]
    [InlineData(SyncConflictPolicy.Callback, "remote edit")]
    public async Task An_item_changed_on_both_sides_is_settled_by_the_policy_and_counted(SyncConflictPolicy policy, string winner)
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(2);
        await world.SyncAsync();
        SyncConflict<SandboxItemData>? seen = null;
        var host = world.CreateHost(resource: r =>
        {
            r.ConflictPolicy = policy;
            r.ConflictResolver = (conflict, _) =>
            {
                seen = conflict;
                return ValueTask.FromResult(conflict.Remote.Data!.Title.StartsWith("remote", StringComparison.Ordinal) ? SyncConflictWinner.Remote : SyncConflictWinner.Local);
            };
        });
        world.Server.Update(seeded[0].Id, new SandboxItemData("remote edit"));
        world.Time.Advance(TimeSpan.FromMinutes(1));
        world.Local.Update(world.Local.FindByExternalId(seeded[0].Id)!.LocalId, new SandboxItemData("local edit"));

        var run = (await host.Engine.RunAsync(world.Key, new SyncRequest())).Single();

        Assert.Equal(1, run.Conflicts);
        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.Equal(winner, world.Server.Get(seeded[0].Id)!.Data!.Title);
        Assert.Equal(winner, world.Local.FindByExternalId(seeded[0].Id)!.Data!.Title);
        Assert.Equal(policy == SyncConflictPolicy.Callback, seen is not null);
        await SyncAssert.SameItemsAsync(world);

        var next = (await host.Engine.RunAsync(world.Key, new SyncRequest())).Single();
        Assert.Equal((0, 0, 0), (next.Conflicts, next.Local.Changed, next.Remote.Changed));
    }

    [Fact]
    public async Task The_conflict_callback_sees_both_sides_and_its_choice_of_the_local_side_is_kept()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(2);
        await world.SyncAsync();
        var localId = world.Local.FindByExternalId(seeded[0].Id)!.LocalId;
        SyncConflict<SandboxItemData>? seen = null;
        var host = world.CreateHost(resource: r =>
        {
            r.ConflictPolicy = SyncConflictPolicy.Callback;
            r.ConflictResolver = (conflict, _) =>
            {
                seen = conflict;
                return ValueTask.FromResult(SyncConflictWinner.Local);
            };
        });
        world.Server.Update(seeded[0].Id, new SandboxItemData("remote edit"));
        world.Local.Update(localId, new SandboxItemData("local edit"));

        var run = (await host.Engine.RunAsync(world.Key, new SyncRequest())).Single();

        Assert.Equal((1, SyncRunStatus.Succeeded), (run.Conflicts, run.Status));
        Assert.Equal((seeded[0].Id, localId, "remote edit", "local edit"), (seen!.ExternalId, seen.LocalId, seen.Remote.Data!.Title, seen.Local!.Data!.Title));
        Assert.Equal("local edit", world.Server.Get(seeded[0].Id)!.Data!.Title);
        Assert.Equal("local edit", world.Local.Find(localId)!.Data!.Title);
        await SyncAssert.SameItemsAsync(world);
    }

    [Fact]
    public async Task Newest_wins_keeps_the_remote_version_when_it_changed_last()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(1);
        await world.SyncAsync();
        var host = world.CreateHost(resource: r => r.ConflictPolicy = SyncConflictPolicy.NewestWins);
        world.Local.Update(world.Local.FindByExternalId(seeded[0].Id)!.LocalId, new SandboxItemData("local edit"));
        world.Time.Advance(TimeSpan.FromMinutes(1));
        world.Server.Update(seeded[0].Id, new SandboxItemData("remote edit"));

        var run = (await host.Engine.RunAsync(world.Key, new SyncRequest())).Single();

        Assert.Equal(1, run.Conflicts);
        Assert.Equal("remote edit", world.Local.FindByExternalId(seeded[0].Id)!.Data!.Title);
        await SyncAssert.SameItemsAsync(world);
    }

    [Fact]
    public async Task A_local_edit_of_an_item_deleted_remotely_is_recreated_when_the_local_side_wins()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(2);
        await world.SyncAsync();
        var host = world.CreateHost(resource: r => r.ConflictPolicy = SyncConflictPolicy.LocalWins);
        var localId = world.Local.FindByExternalId(seeded[0].Id)!.LocalId;
        world.Local.Update(localId, new SandboxItemData("keep me"));
        world.Server.Delete(seeded[0].Id);

        var run = (await host.Engine.RunAsync(world.Key, new SyncRequest())).Single();

        Assert.Equal(1, run.Conflicts);
        Assert.Equal(1, run.Remote.Created);
        Assert.Contains(world.Server.Items, i => i.Data!.Title == "keep me");
        Assert.Equal("keep me", world.Local.Find(localId)!.Data!.Title);
        await SyncAssert.SameItemsAsync(world);
    }

    [Fact]
    public async Task A_push_whose_item_changed_remotely_meanwhile_is_deferred_and_settled_by_the_next_pull()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(1);
        await world.SyncAsync();
        world.Local.Update(world.Local.FindByExternalId(seeded[0].Id)!.LocalId, new SandboxItemData("local edit"));
        var pushOnly = new SyncRequest { Direction = SyncDirection.Push };
        world.Server.Update(seeded[0].Id, new SandboxItemData("remote edit"));

        var push = await world.SyncAsync(pushOnly);

        Assert.Equal(1, push.Remote.Skipped);
        Assert.Equal("remote edit", world.Server.Get(seeded[0].Id)!.Data!.Title);

        var pull = await world.SyncAsync();

        Assert.Equal(1, pull.Conflicts);
        await SyncAssert.SameItemsAsync(world);
    }

    [Fact]
    public async Task A_create_repeated_after_a_kill_does_not_create_a_second_remote_item()
    {
        await using var world = await SyncWorld.CreateAsync();
        await world.SyncAsync();
        world.Local.Create(new SandboxItemData("only once"));
        var kill = new KillSwitch();
        var killer = new KillAfterWriteHandler(kill) { KillAfterWrite = 1 };
        var doomed = world.CreateHost(kill: kill, services: s => s.AddHttpClient(SandboxSyncBuilderExtensions.HttpClientName("sandbox", SyncWorld.Resource)).AddHttpMessageHandler(() => killer));

        await doomed.Engine.RunAsync(world.Key, new SyncRequest());
        Assert.True(kill.IsKilled);
        Assert.Single(world.Server.Items);

        world.Time.Advance(TimeSpan.FromMinutes(2));
        var takeover = await world.SyncAsync();

        Assert.Equal(SyncRunStatus.Succeeded, takeover.Status);
        Assert.Single(world.Server.Items);
        await SyncAssert.SameItemsAsync(world);
    }
}
