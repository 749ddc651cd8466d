using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport.Conformance;

namespace Integrations.Storage.EfCore.Tests.Conformance;

public sealed class EfCorePendingAuthorizationStoreTests(MigratedDatabase database) : PendingAuthorizationStoreConformanceTests, IClassFixture<MigratedDatabase>
{
    private readonly EfCoreStoreHost _host = new(database);

    protected override Task<IPendingAuthorizationStore> CreateStoreAsync(TimeProvider timeProvider) => _host.CreateAsync<IPendingAuthorizationStore>(timeProvider);

    public override async Task DisposeAsync() => await _host.DisposeAsync();
}
