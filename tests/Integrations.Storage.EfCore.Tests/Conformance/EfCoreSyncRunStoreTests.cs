using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport.Conformance.Sync;

namespace Integrations.Storage.EfCore.Tests.Conformance;

public sealed class EfCoreSyncRunStoreTests(MigratedDatabase database) : SyncRunStoreConformance, IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly EfCoreStoreHost _host = new(database);

    protected override Task<ISyncRunStore> CreateStoreAsync() => _host.CreateAsync<ISyncRunStore>(TimeProvider.System);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
