using Integrations.Core.Tests.Sync.Support;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Sync;

/// <summary>
/// Behaviour 3 under a hard process kill: the engine instance is abandoned mid-page (its lease is
/// never renewed or released), and a new engine over the same stores takes over after the lease
/// expired.
/// </summary>
public sealed class SyncProcessKillTests
{
    [Fact]
    public async Task A_run_abandoned_mid_page_is_taken_over_and_only_the_page_in_flight_is_delivered_again_flagged()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(25);
        var gate = new Gate();
        world.Local.BeforeApply = gate.AtCall(15);

        // Process A: its clock never moves, so it never renews its lease (it is "dead").
        var doomed = world.CreateHost(engineTime: new FakeTimeProvider(world.Time.GetUtcNow()));
        var abandoned = doomed.Engine.RunAsync(world.Key, new SyncRequest());
        await gate.Reached;
        var abandonedRunId = Assert.Single(await world.Runs.ListAsync(world)).Id;

        world.Time.Advance(TimeSpan.FromMinutes(2));
        world.Local.BeforeApply = null;
        var takeover = await world.SyncAsync();

        Assert.Equal(SyncRunStatus.Succeeded, takeover.Status);
        var marked = (await world.Runs.GetForBackgroundAsync(abandonedRunId))!;
        Assert.Equal(SyncRunStatus.Failed, marked.Status);
        Assert.Contains(takeover.Id.ToString(), marked.ErrorMessage);

        // Items 11-14 were written by A after its last saved page and never recorded: B delivers them
        // again. B cannot tell which items of that page A reached, so it flags the whole page (11-20);
        // every other version reaches the handler exactly once, unflagged.
        var deliveries = world.Local.Deliveries.GroupBy(d => d.ExternalId).ToDictionary(g => g.Key, g => g.ToList());
        var ids = world.Server.Items.Select(i => i.Id).ToList();
        Assert.Equal(25, deliveries.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            var calls = deliveries[ids[i]];
            Assert.Single(calls, c => c.Effective);
            var expected = i switch
            {
                >= 10 and < 14 => new[] { false, true },
                >= 14 and < 20 => [true],
                _ => [false],
            };
            Assert.Equal(expected, calls.Select(c => c.PossibleRedelivery));
        }

        await SyncAssert.SameItemsAsync(world);
        var state = (await world.StateAsync())!;
        Assert.Null(state.RecoveryPass);
        Assert.NotNull(state.Cursor);

        // A wakes up (a zombie): its page cannot be saved over B's progress.
        gate.Open();
        var zombie = (await abandoned).Single();
        Assert.Equal(SyncRunStatus.Failed, zombie.Status);
        Assert.Equal(IntegrationErrorCode.ConcurrencyConflict, zombie.ErrorCode);
        Assert.Equal(state.Cursor, (await world.StateAsync())!.Cursor);
    }

    [Fact]
    public async Task A_kill_between_the_handler_writes_and_the_page_save_is_recovered_by_the_next_process()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(25);
        var kill = new KillSwitch();
        var doomed = world.CreateHost(kill: kill);
        var states = (KillableStateStore)doomed.Provider.GetService(typeof(ISyncStateStore))!;
        states.KillAtCommit = 2;

        await doomed.Engine.RunAsync(world.Key, new SyncRequest());
        Assert.True(kill.IsKilled);
        Assert.Equal(20, world.Local.HandlerCalls);
        Assert.Equal(10, await world.States.CountLinksAsync(world.Integration.Id, SyncWorld.Resource));

        world.Time.Advance(TimeSpan.FromMinutes(2));
        var takeover = await world.SyncAsync();

        Assert.Equal(SyncRunStatus.Succeeded, takeover.Status);
        var page2 = world.Server.Items.Skip(10).Take(10).Select(i => i.Id).ToHashSet();
        var deliveries = world.Local.Deliveries;
        Assert.All(deliveries.GroupBy(d => d.ExternalId), g =>
        {
            Assert.Single(g, d => d.Effective);
            Assert.Equal(page2.Contains(g.Key) ? 2 : 1, g.Count());
            Assert.Equal(page2.Contains(g.Key) ? 1 : 0, g.Count(d => d.PossibleRedelivery));
        });
        await SyncAssert.SameItemsAsync(world);
    }

    [Fact]
    public async Task After_a_kill_a_forced_full_resync_flags_every_delivery_of_its_pass()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(25);
        await world.SyncAsync();
        foreach (var item in seeded)
        {
            world.Server.Update(item.Id, new Testing.SandboxItemData(item.Data!.Title + " v2"));
        }

        var kill = new KillSwitch();
        var doomed = world.CreateHost(kill: kill);
        ((KillableStateStore)doomed.Provider.GetService(typeof(ISyncStateStore))!).KillAtCommit = 2;
        await doomed.Engine.RunAsync(world.Key, new SyncRequest());

        world.Time.Advance(TimeSpan.FromMinutes(2));
        var takeover = await world.SyncAsync(new SyncRequest { ForceFullResync = true });

        Assert.Equal(SyncRunStatus.Succeeded, takeover.Status);
        // The killed incremental pass saved its first page; the new full pass delivers the other 15
        // changes, any of which the killed run may have applied: all flagged.
        var second = world.Local.Deliveries.Skip(45).ToList();
        Assert.Equal(15, second.Count);
        Assert.All(second, d => Assert.True(d.PossibleRedelivery));
        Assert.Null((await world.StateAsync())!.RecoveryPass);

        world.Server.Update(world.Server.Items[0].Id, new Testing.SandboxItemData("after recovery"));
        await world.SyncAsync();
        Assert.False(world.Local.Deliveries[^1].PossibleRedelivery);
    }

    [Fact]
    public async Task A_run_whose_progress_cannot_be_saved_is_left_running_and_treated_like_a_killed_one()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(25);
        var brokenDatabase = new KillableStateStore(world.States, new KillSwitch()) { KillAtCommit = 2 };
        var host = world.CreateHost(services: s => s.AddSingleton<ISyncStateStore>(brokenDatabase));

        var failed = Assert.Single(await host.Engine.RunAsync(world.Key, new SyncRequest()));

        Assert.Equal(SyncRunStatus.Failed, failed.Status);
        Assert.Equal(SyncRunStatus.Running, (await world.Runs.GetForBackgroundAsync(failed.Id))!.Status);

        var next = await world.SyncAsync();

        Assert.Equal(SyncRunStatus.Succeeded, next.Status);
        Assert.Equal(SyncRunStatus.Failed, (await world.Runs.GetForBackgroundAsync(failed.Id))!.Status);
        var page2 = world.Server.Items.Skip(10).Take(10).Select(i => i.Id).ToHashSet();
        Assert.All(world.Local.Deliveries.GroupBy(d => d.ExternalId), g =>
        {
            Assert.Single(g, d => d.Effective);
            Assert.Equal(page2.Contains(g.Key) ? 1 : 0, g.Count(d => d.PossibleRedelivery));
        });
    }
}
