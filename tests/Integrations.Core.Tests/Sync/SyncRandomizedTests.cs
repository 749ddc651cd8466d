using System.Net;
using Integrations.Core.Tests.Sync.Support;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Integrations.Core.Tests.Sync;

/// <summary>
/// Random interleavings of remote edits, local edits, deletions, purges, expired cursors, provider
/// failures, cancellations and hard process kills, over many seeds. Afterwards both sides hold the
/// same items, every remote version was written by the handler at most once, and no delivery that
/// was not flagged as a possible redelivery repeated an earlier one.
/// </summary>
public sealed class SyncRandomizedTests(ITestOutputHelper output)
{
    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 0; seed < 200; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Random_edits_crashes_and_retries_converge_and_apply_each_remote_version_once(int seed)
    {
        var random = new Random(seed);
        await using var world = await SyncWorld.CreateAsync();
        var scenario = new Scenario(world, random, (SyncConflictPolicy)(seed % 3), pageSize: random.Next(2, 8), output.WriteLine);
        world.Server.Seed(random.Next(0, 12), i => new SandboxItemData($"seed {i}"));

        for (var step = 0; step < 40; step++)
        {
            world.Time.Advance(TimeSpan.FromSeconds(random.Next(1, 30)));
            switch (random.Next(10))
            {
                case 0 or 1:
                    scenario.EditRemote();
                    break;
                case 2 or 3:
                    scenario.EditLocal();
                    break;
                default:
                    await scenario.SyncWithRandomFaultAsync();
                    break;
            }
        }

        await scenario.SettleAsync();

        await SyncAssert.SameItemsAsync(world);
        foreach (var version in world.Local.Deliveries.GroupBy(d => (d.ExternalId, d.RemoteVersion, d.IsDelete)))
        {
            Assert.True(version.Count(d => d.Effective) <= 1, $"seed {seed}: {version.Key} written {version.Count(d => d.Effective)} times");
            Assert.True(version.Count(d => !d.PossibleRedelivery) <= 1, $"seed {seed}: {version.Key} delivered unflagged {version.Count(d => !d.PossibleRedelivery)} times");
        }
    }

    private sealed class Scenario(SyncWorld world, Random random, SyncConflictPolicy policy, int pageSize, Action<string> log)
    {
        private SyncHost _host = Start(world, policy, pageSize, null);
        private int _titles;

        public void EditRemote()
        {
            var items = world.Server.Items;
            var action = items.Count == 0 ? 0 : random.Next(5);
            switch (action)
            {
                case 0 or 1:
                    log($"remote create {world.Server.Create(new SandboxItemData($"remote {++_titles}")).Id}");
                    break;
                case 2:
                    log($"remote update {world.Server.Update(Pick(items).Id, new SandboxItemData($"remote edit {++_titles}"))}");
                    break;
                case 3:
                    var deleted = Pick(items).Id;
                    world.Server.Delete(deleted);
                    log($"remote delete {deleted}");
                    break;
                default:
                    var purged = Pick(items).Id;
                    world.Server.Purge(purged);
                    log($"remote purge {purged}");
                    break;
            }
        }

        public void EditLocal()
        {
            var rows = world.Local.Live;
            var action = rows.Count == 0 ? 0 : random.Next(4);
            switch (action)
            {
                case 0:
                    log($"local create {world.Local.Create(new SandboxItemData($"local {++_titles}"))} local {_titles}");
                    break;
                case 1 or 2:
                    var updated = Pick(rows).LocalId;
                    world.Local.Update(updated, new SandboxItemData($"local edit {++_titles}"));
                    log($"local update {updated} local edit {_titles}");
                    break;
                default:
                    var deleted = Pick(rows).LocalId;
                    world.Local.Delete(deleted);
                    log($"local delete {deleted}");
                    break;
            }
        }

        public async Task SyncWithRandomFaultAsync()
        {
            var request = new SyncRequest();
            switch (random.Next(10))
            {
                case 1:
                    world.Server.Intercept = SyncResumeTests.FailListingCall(random.Next(1, 4), HttpStatusCode.InternalServerError);
                    break;
                case 2:
                    using (var cancel = new CancellationTokenSource())
                    {
                        var countdown = random.Next(1, 8);
                        world.Local.BeforeApply = _ =>
                        {
                            if (--countdown == 0)
                            {
                                cancel.Cancel();
                            }

                            return Task.CompletedTask;
                        };
                        await RunAsync(_host, request, cancel.Token);
                        world.Local.BeforeApply = null;
                        return;
                    }

                case 3:
                    await KillAsync(kill =>
                    {
                        var countdown = random.Next(1, 8);
                        world.Local.BeforeApply = _ =>
                        {
                            if (--countdown <= 0)
                            {
                                kill.Kill();
                            }

                            kill.ThrowIfKilled();
                            return Task.CompletedTask;
                        };
                        return null;
                    });
                    return;
                case 4:
                    await KillAsync(_ => new KillAt { Commit = random.Next(1, 5) });
                    return;
                case 5:
                    await KillAsync(_ => new KillAt { Write = random.Next(1, 4) });
                    return;
                case 6:
                    world.Server.ExpireSyncTokens();
                    break;
                case 7:
                    request = request with { ForceFullResync = true };
                    break;
                case 8:
                    await DryRunChangesNothingAsync();
                    return;
            }

            await RunAsync(_host, request, CancellationToken.None);
            world.Server.Intercept = null;
        }

        private async Task DryRunChangesNothingAsync()
        {
            var writes = world.Server.RequestCount(SandboxRequestKind.Writes);
            var calls = world.Local.HandlerCalls;
            var state = await world.StateAsync();
            var links = await world.States.CountLinksAsync(world.Integration.Id, SyncWorld.Resource);

            var run = await RunAsync(_host, new SyncRequest { DryRun = true, ForceFullResync = random.Next(2) == 0 }, CancellationToken.None);

            Assert.True(run.IsDryRun);
            Assert.Equal(writes, world.Server.RequestCount(SandboxRequestKind.Writes));
            Assert.Equal(calls, world.Local.HandlerCalls);
            Assert.Equal(state?.Version, (await world.StateAsync())?.Version);
            Assert.Equal(links, await world.States.CountLinksAsync(world.Integration.Id, SyncWorld.Resource));
        }

        /// <summary>Runs a process that is killed at a random point, then restarts "the process" after its lease expired.</summary>
        private async Task KillAsync(Func<KillSwitch, KillAt?> arm)
        {
            var kill = new KillSwitch();
            var at = arm(kill);
            var writes = new KillAfterWriteHandler(kill) { KillAfterWrite = at?.Write ?? 0 };
            var doomed = Start(world, policy, pageSize, kill, services => services
                .AddHttpClient(SandboxSyncBuilderExtensions.HttpClientName("sandbox", SyncWorld.Resource))
                .AddHttpMessageHandler(() => writes));
            ((KillableStateStore)doomed.Provider.GetRequiredService<ISyncStateStore>()).KillAtCommit = at?.Commit ?? 0;

            log($"doomed process (kill at commit {at?.Commit}, write {at?.Write})");
            await RunAsync(doomed, new SyncRequest(), CancellationToken.None);
            world.Local.BeforeApply = null;
            if (kill.IsKilled)
            {
                world.Time.Advance(TimeSpan.FromMinutes(2));
                _host = Start(world, policy, pageSize, null);
            }
        }

        /// <summary>No more faults: a full resync (purged items), then runs until nothing changes.</summary>
        public async Task SettleAsync()
        {
            world.Server.Intercept = null;
            world.Server.ClearFaults();
            world.Time.Advance(TimeSpan.FromMinutes(2));
            var run = await RunAsync(_host, new SyncRequest { ForceFullResync = true }, CancellationToken.None);
            for (var i = 0; i < 5 && !(run.Local.Changed == 0 && run.Remote.Changed == 0 && run.Conflicts == 0); i++)
            {
                Assert.True(run.Status is SyncRunStatus.Succeeded, $"settling run {run.Status}: {run.ErrorCode} {run.ErrorMessage}");
                run = await RunAsync(_host, new SyncRequest(), CancellationToken.None);
            }

            Assert.Equal(SyncRunStatus.Succeeded, run.Status);
            Assert.Equal((0, 0, 0), (run.Local.Changed, run.Remote.Changed, run.Conflicts));
        }

        private async Task<SyncRun> RunAsync(SyncHost host, SyncRequest request, CancellationToken cancellationToken)
        {
            var before = world.Local.Deliveries.Count;
            var run = (await host.Engine.RunAsync(world.Key, request, null, cancellationToken)).Single();
            log($"sync full={request.ForceFullResync} -> {run.Status} {run.ErrorCode} local {run.Local} remote {run.Remote} conflicts {run.Conflicts}");
            foreach (var delivery in world.Local.Deliveries.Skip(before))
            {
                log($"   handler {delivery}");
            }

            return run;
        }

        private static SyncHost Start(SyncWorld world, SyncConflictPolicy policy, int pageSize, KillSwitch? kill, Action<IServiceCollection>? services = null) =>
            world.CreateHost(
                o =>
                {
                    o.PageSize = pageSize;
                    o.PushBatchSize = pageSize;
                    o.ReconcileBatchSize = pageSize;
                    o.MaxConsecutiveItemFailures = 0;
                },
                r => r.ConflictPolicy = policy,
                services,
                kill);

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
    }

    private sealed class KillAt
    {
        public int Commit { get; init; }

        public int Write { get; init; }
    }
}
