using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport.Conformance.Sync;

namespace Integrations.Storage.EfCore.Tests.Conformance;

public sealed class EfCoreSyncStateStoreTests(MigratedDatabase database) : SyncStateStoreConformance, IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly EfCoreStoreHost _host = new(database);

    protected override Task<ISyncStateStore> CreateStoreAsync() => _host.CreateAsync<ISyncStateStore>(TimeProvider.System);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
