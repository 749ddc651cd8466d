using Integrations.Core.Tests.Sync.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Sync;

/// <summary>Behaviour 1: one run at a time per integration and resource, through a renewed lease.</summary>
public sealed class SyncLeaseTests
{
    [Fact]
    public async Task Second_request_for_a_running_resource_is_rejected_with_SyncAlreadyRunning()
    {
        await using var world = await SyncWorld.CreateAsync();
        var (first, gate) = await StartBlockedRunAsync(world, world.Host);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => world.CreateHost().Engine.RunAsync(world.Key, new SyncRequest()));

        Assert.Equal(IntegrationErrorCode.SyncAlreadyRunning, error.Code);
        gate.Open();
        Assert.Equal(SyncRunStatus.Succeeded, (await first).Status);
        Assert.Single(await world.Runs.ListAsync(world));
    }

    [Fact]
    public async Task Second_request_joins_the_running_run_when_configured()
    {
        await using var world = await SyncWorld.CreateAsync();
        var host = world.CreateHost(o => o.WhenAlreadyRunning = SyncAlreadyRunningBehavior.Join);
        var (first, gate) = await StartBlockedRunAsync(world, host);

        var second = host.Engine.RunAsync(world.Key, new SyncRequest());
        Assert.False(second.IsCompleted);
        gate.Open();

        var (a, b) = (await first, (await second).Single());
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(SyncRunStatus.Succeeded, b.Status);
        Assert.Equal(5, world.Local.HandlerCalls);
    }

    [Fact]
    public async Task A_request_of_another_process_joins_by_polling_the_run_store()
    {
        await using var world = await SyncWorld.CreateAsync();
        var (first, gate) = await StartBlockedRunAsync(world, world.Host);

        var second = world.CreateHost().Engine.RunAsync(world.Key, new SyncRequest { WhenAlreadyRunning = SyncAlreadyRunningBehavior.Join });
        gate.Open();
        var finished = await first;
        while (!second.IsCompleted)
        {
            world.Time.Advance(TimeSpan.FromSeconds(2));
            await Task.Yield();
        }

        var joined = (await second).Single();
        Assert.Equal(finished.Id, joined.Id);
        Assert.Equal(SyncRunStatus.Succeeded, joined.Status);
    }

    [Fact]
    public async Task The_lease_is_renewed_while_a_long_run_lasts()
    {
        await using var world = await SyncWorld.CreateAsync();
        var leases = new ObservedLeaseStore(world.Leases);
        var host = world.CreateHost(services: s => s.AddSingleton<ILeaseStore>(leases));
        var (first, gate) = await StartBlockedRunAsync(world, host);

        for (var i = 0; i < 9; i++)
        {
            var renewal = leases.NextRenewalAsync();
            world.Time.Advance(TimeSpan.FromSeconds(20));
            Assert.NotNull(await renewal.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        // Three minutes later, three times the lease duration: still held.
        var error = await Assert.ThrowsAsync<IntegrationException>(() => world.CreateHost().Engine.RunAsync(world.Key, new SyncRequest()));
        Assert.Equal(IntegrationErrorCode.SyncAlreadyRunning, error.Code);
        gate.Open();
        Assert.Equal(SyncRunStatus.Succeeded, (await first).Status);
    }

    [Fact]
    public async Task A_run_that_loses_its_lease_stops_as_failed()
    {
        await using var world = await SyncWorld.CreateAsync();
        var leases = new ObservedLeaseStore(world.Leases) { LoseOnRenewal = true };
        var host = world.CreateHost(services: s => s.AddSingleton<ILeaseStore>(leases));
        var (first, gate) = await StartBlockedRunAsync(world, host);

        var renewal = leases.NextRenewalAsync();
        world.Time.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(await renewal.WaitAsync(TimeSpan.FromSeconds(30)));
        gate.Open();

        var run = (await first);
        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.Equal(IntegrationErrorCode.SyncFailed, run.ErrorCode);
        Assert.Contains("lease", run.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, world.Local.HandlerCalls);
    }

    [Fact]
    public async Task A_dry_run_takes_no_lease_and_runs_beside_a_real_run()
    {
        await using var world = await SyncWorld.CreateAsync();
        var (first, gate) = await StartBlockedRunAsync(world, world.Host);

        var dry = await world.CreateHost().Engine.RunAsync(world.Key, new SyncRequest { DryRun = true });

        Assert.Equal(SyncRunStatus.Succeeded, dry.Single().Status);
        Assert.True(dry.Single().IsDryRun);
        var real = Assert.Single(await world.Runs.ListAsync(world), r => !r.IsDryRun);
        Assert.Equal(SyncRunStatus.Running, real.Status);
        gate.Open();
        var finished = await first;
        Assert.Equal((real.Id, SyncRunStatus.Succeeded, 5), (finished.Id, finished.Status, finished.Local.Created));
    }

    /// <summary>Starts a run of five items that stops at the second until the gate opens.</summary>
    private static async Task<(Task<SyncRun> Run, Gate Gate)> StartBlockedRunAsync(SyncWorld world, SyncHost host)
    {
        world.Server.Seed(5);
        var gate = new Gate();
        world.Local.BeforeApply = gate.AtCall(2);
        var run = RunSingleAsync(host, world);
        await gate.Reached;
        return (run, gate);
    }

    private static async Task<SyncRun> RunSingleAsync(SyncHost host, SyncWorld world) =>
        Assert.Single(await host.Engine.RunAsync(world.Key, new SyncRequest()));
}
