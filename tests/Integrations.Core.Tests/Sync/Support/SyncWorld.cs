using Integrations.Internal;
using Integrations.Testing;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Core.Tests.Sync.Support;

/// <summary>
/// What outlives a process in the sync tests: the provider (sandbox server), the host's database,
/// the stores and the clock. Engines ("processes") are created over it with <see cref="CreateHost"/>.
/// </summary>
public sealed class SyncWorld : IAsyncDisposable
{
    public const string Resource = "items";

    private readonly List<SyncHost> _hosts = [];
    private SyncHost? _default;

    private SyncWorld(FakeTimeProvider time)
    {
        Time = time;
        Server = new SandboxSyncServer(time);
        Local = new LocalItemStore(time);
        Leases = new InMemoryLeaseStore(time);
    }

    public FakeTimeProvider Time { get; }

    public SandboxSyncServer Server { get; }

    public LocalItemStore Local { get; }

    public InMemoryIntegrationStore Integrations { get; } = new();

    public InMemorySyncStateStore States { get; } = new();

    public InMemorySyncRunStore Runs { get; } = new();

    public InMemoryLeaseStore Leases { get; }

    public RecordingEventHandler Events { get; } = new();

    public Integration Integration { get; private set; } = null!;

    public IntegrationKey Key => Integration.Key;

    public static async Task<SyncWorld> CreateAsync(Func<IntegrationSettings, IntegrationSettings>? settings = null)
    {
        var world = new SyncWorld(new FakeTimeProvider());
        var now = world.Time.GetUtcNow();
        world.Integration = await world.Integrations.AddAsync(new Integration
        {
            Id = Guid.NewGuid(),
            TenantId = "tenant-1",
            UserId = "user-1",
            Provider = "sandbox",
            DisplayName = "Sandbox account",
            Account = new ExternalAccount("account-1"),
            Settings = settings?.Invoke(IntegrationSettings.Default with { SyncDirection = SyncDirection.Both }) ?? IntegrationSettings.Default with { SyncDirection = SyncDirection.Both },
            CreatedAt = now,
            UpdatedAt = now,
        });
        return world;
    }

    public async Task<Integration> ReloadIntegrationAsync() =>
        Integration = (await Integrations.GetForBackgroundAsync(Integration.Id))!;

    /// <summary>A new engine over the world's stores (a new "process").</summary>
    public SyncHost CreateHost(
        Action<SyncOptions>? options = null,
        Action<SyncResourceOptions<SandboxItemData>>? resource = null,
        Action<IServiceCollection>? services = null,
        KillSwitch? kill = null,
        TimeProvider? engineTime = null,
        Action<IIntegrationsBuilder>? builder = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(engineTime ?? Time);
        collection.AddSingleton<IIntegrationStore>(Integrations);
        collection.AddSingleton<ISyncStateStore>(kill is null ? States : new KillableStateStore(States, kill));
        collection.AddSingleton<ISyncRunStore>(kill is null ? Runs : new KillableRunStore(Runs, kill));
        collection.AddSingleton<ILeaseStore>(kill is null ? Leases : new KillableLeaseStore(Leases, kill));
        collection.AddSingleton(Local);
        collection.AddSingleton<IIntegrationEventHandler>(Events);
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services?.Invoke(collection);
        var integrations = collection.AddIntegrations();
        builder?.Invoke(integrations);
        integrations
            .AddSync(o =>
            {
                o.LeaseDuration = TimeSpan.FromMinutes(1);
                o.LeaseRenewalInterval = TimeSpan.FromSeconds(20);
                o.PageSize = 10;
                o.PushBatchSize = 10;
                o.ReconcileBatchSize = 10;
                options?.Invoke(o);
            })
            .AddSandboxSync(Server)
            .AddSyncResource<SandboxItemData, LocalItemStore>(Resource, resource);
        var host = new SyncHost(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true }));
        _hosts.Add(host);
        return host;
    }

    public SyncHost Host => _default ??= CreateHost();

    public async Task<SyncRun> SyncAsync(SyncRequest? request = null, CancellationToken cancellationToken = default) =>
        (await Host.Engine.RunAsync(Key, request ?? new SyncRequest(), null, cancellationToken)).Single();

    public async Task<SyncState?> StateAsync() => await States.GetAsync(Integration.Id, Resource);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }
}

public sealed class SyncHost(ServiceProvider provider) : IAsyncDisposable
{
    public ServiceProvider Provider { get; } = provider;

    public ISyncEngine Engine => Provider.GetRequiredService<ISyncEngine>();

    internal SyncEngine Internal => Provider.GetRequiredService<SyncEngine>();

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}
