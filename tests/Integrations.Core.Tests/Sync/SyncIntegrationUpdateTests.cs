using System.Diagnostics.Metrics;
using Integrations.Core.Tests.Sync.Support;
using Integrations.Internal;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Sync;

/// <summary>Behaviour 8 and what a run changes besides data: metrics, the integration's health and next sync time, events.</summary>
public sealed class SyncIntegrationUpdateTests
{
    [Fact]
    public async Task Runs_items_and_durations_are_measured()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(3);
        var meter = world.Host.Provider.GetRequiredService<IntegrationsTelemetry>().Meter;
        List<(string Instrument, double Value, Dictionary<string, object?> Tags)> measurements = [];
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name.StartsWith("integrations.sync.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => measurements.Add((i.Name, v, Tags(t))));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => measurements.Add((i.Name, v, Tags(t))));
        listener.Start();
        world.Local.BeforeApply = _ => { world.Time.Advance(TimeSpan.FromSeconds(2)); return Task.CompletedTask; };

        await world.SyncAsync();
        world.Local.Create(new SandboxItemData("local"));
        world.Server.FailNextRequests(System.Net.HttpStatusCode.InternalServerError, kinds: SandboxRequestKind.Writes);
        await world.SyncAsync();

        var runs = measurements.Where(m => m.Instrument == "integrations.sync.runs").ToList();
        Assert.Equal(["succeeded", "failed"], runs.Select(m => m.Tags["outcome"]));
        Assert.All(runs, m => Assert.Equal(("sandbox", "items"), (m.Tags["provider"], m.Tags["resource"])));
        var created = measurements.Single(m => m.Instrument == "integrations.sync.items" && (string?)m.Tags["operation"] == "created");
        Assert.Equal((3d, "local"), (created.Value, created.Tags["side"]));
        Assert.Contains(measurements, m => m.Instrument == "integrations.sync.items" && (string?)m.Tags["operation"] == "skipped" && (string?)m.Tags["side"] == "remote");
        var durations = measurements.Where(m => m.Instrument == "integrations.sync.duration").ToList();
        Assert.Equal([6d, 0d], durations.Select(m => m.Value));
    }

    [Fact]
    public async Task A_completed_run_records_the_last_sync_and_schedules_the_next()
    {
        await using var world = await SyncWorld.CreateAsync(s => s with { SyncInterval = TimeSpan.FromMinutes(15) });
        world.Server.Seed(1);

        var run = await world.SyncAsync();

        var integration = await world.ReloadIntegrationAsync();
        Assert.Equal(run.CompletedAt, integration.Health.LastSyncAt);
        Assert.Equal(run.CompletedAt + TimeSpan.FromMinutes(15), integration.NextSyncAt);
        Assert.Equal(0, integration.Health.ConsecutiveErrors);

        world.Server.FailNextRequests(System.Net.HttpStatusCode.BadGateway);
        world.Time.Advance(TimeSpan.FromMinutes(15));
        var failed = await world.SyncAsync();

        integration = await world.ReloadIntegrationAsync();
        Assert.Equal(run.CompletedAt, integration.Health.LastSyncAt);
        Assert.Equal(failed.CompletedAt + TimeSpan.FromMinutes(15), integration.NextSyncAt);
        Assert.Equal((IntegrationErrorCode.ProviderUnavailable, 1), (integration.Health.LastErrorCode, integration.Health.ConsecutiveErrors));
    }

    [Fact]
    public async Task Without_auto_sync_nothing_is_scheduled_and_dry_runs_change_nothing()
    {
        await using var world = await SyncWorld.CreateAsync(s => s with { AutoSync = false });
        var before = await world.ReloadIntegrationAsync();

        await world.SyncAsync(new SyncRequest { DryRun = true });
        Assert.Equal(before.Version, (await world.ReloadIntegrationAsync()).Version);

        await world.SyncAsync();
        var integration = await world.ReloadIntegrationAsync();
        Assert.Null(integration.NextSyncAt);
        Assert.NotNull(integration.Health.LastSyncAt);
    }

    [Fact]
    public async Task Disconnecting_deletes_the_sync_state_and_links_of_the_integration()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(4);
        await world.SyncAsync();
        Assert.Equal(4, await world.States.CountLinksAsync(world.Integration.Id, SyncWorld.Resource));

        await world.Host.Provider.GetRequiredService<IntegrationEventDispatcher>()
            .RaiseAsync(new IntegrationEvent(IntegrationEventType.Disconnected, world.Integration, world.Time.GetUtcNow()), CancellationToken.None);

        Assert.Null(await world.StateAsync());
        Assert.Equal(0, await world.States.CountLinksAsync(world.Integration.Id, SyncWorld.Resource));
    }

    [Fact]
    public async Task Disconnecting_stops_a_running_sync_before_deleting_its_state()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(15);
        var gate = new Gate();
        world.Local.BeforeApply = gate.AtCall(12);
        var run = Assert.Single(await world.Host.Engine.StartAsync(world.Key, new SyncRequest()));
        await gate.Reached;

        var disconnect = world.Host.Provider.GetRequiredService<IntegrationEventDispatcher>()
            .RaiseAsync(new IntegrationEvent(IntegrationEventType.Disconnected, world.Integration, world.Time.GetUtcNow()), CancellationToken.None);
        gate.Open();
        await disconnect;

        Assert.Equal(SyncRunStatus.Cancelled, (await world.Runs.GetForBackgroundAsync(run.Id))!.Status);
        Assert.Null(await world.StateAsync());
        Assert.Equal(0, await world.States.CountLinksAsync(world.Integration.Id, SyncWorld.Resource));
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public async Task Connecting_starts_the_initial_sync_when_configured(bool syncOnConnect, int expectedRuns)
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(3);
        var host = world.CreateHost(o => o.SyncOnConnect = syncOnConnect);

        await host.Provider.GetRequiredService<IntegrationEventDispatcher>()
            .RaiseAsync(new IntegrationEvent(IntegrationEventType.Connected, world.Integration, world.Time.GetUtcNow()), CancellationToken.None);

        var runs = await world.Runs.ListAsync(world);
        Assert.Equal(expectedRuns, runs.Count);
        foreach (var run in runs)
        {
            var done = (await host.Internal.WaitForRunAsync(run.Id))!;
            Assert.Equal((SyncRunType.Initial, "user-1", SyncRunStatus.Succeeded, 3), (done.Type, done.TriggeredBy, done.Status, done.Local.Created));
        }
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
