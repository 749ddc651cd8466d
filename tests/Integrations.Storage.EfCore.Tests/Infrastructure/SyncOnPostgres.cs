using Integrations.Testing;
using Integrations.TestSupport;
using Integrations.TestSupport.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// What outlives a host process in the end-to-end sync tests: the PostgreSQL database (every store
/// on EF Core), the provider (the sandbox sync server), the host's items and the clock. Each
/// <see cref="StartProcess"/> is a new host process: its own service provider, context pool,
/// connections and sync engine.
/// </summary>
internal sealed class SyncOnPostgres(MigratedDatabase database) : IAsyncDisposable
{
    public const string Resource = "items";

    private readonly List<ServiceProvider> _processes = [];

    public FakeTimeProvider Time { get; } = new(StoreTestData.Start);

    public SandboxSyncServer Server { get; private set; } = null!;

    public SyncedItems Items { get; } = new();

    public Integration Integration { get; private set; } = null!;

    public MigratedDatabase Database => database;

    public static async Task<SyncOnPostgres> CreateAsync(MigratedDatabase database)
    {
        await database.ResetAsync();
        var world = new SyncOnPostgres(database);
        world.Server = new SandboxSyncServer(world.Time);
        await using var setup = database.CreateServices(world.Time);
        world.Integration = await setup.GetRequiredService<IIntegrationStore>().AddAsync(StoreTestData.Minimal(new IntegrationOwner("acme", "alice"), SandboxDefaults.Name));
        return world;
    }

    /// <summary>Starts a host process on the database.</summary>
    /// <param name="engineTime">The process's clock (a frozen one never renews its lease: a "dead" process); the world's by default.</param>
    /// <param name="options">Changes the engine options.</param>
    public ISyncEngine StartProcess(TimeProvider? engineTime = null, Action<SyncOptions>? options = null)
    {
        var process = database.CreateServices(engineTime ?? Time, b =>
        {
            b.Services.AddSingleton(Items);
            b.AddSync(o =>
                {
                    o.PageSize = 100;
                    o.LeaseDuration = TimeSpan.FromMinutes(1);
                    o.LeaseRenewalInterval = TimeSpan.FromSeconds(20);
                    options?.Invoke(o);
                })
                .AddSandboxSync(Server)
                .AddSyncResource<SandboxItemData, SyncedItems>(Resource);
        });
        _processes.Add(process);
        return process.GetRequiredService<ISyncEngine>();
    }

    public async Task<SyncRun> SyncAsync(ISyncEngine engine, SyncRequest? request = null, CancellationToken cancellationToken = default) =>
        Assert.Single(await engine.RunAsync(Integration.Key, request ?? new SyncRequest(), null, cancellationToken));

    public async Task<long> CountAsync(string table) =>
        long.Parse((await Sql.QueryTextAsync(database.ConnectionString, $"SELECT count(*) FROM integrations.{table}")).Single(), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }
}
