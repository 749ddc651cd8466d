using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport.Conformance;

namespace Integrations.Storage.EfCore.Tests.Conformance;

public sealed class EfCoreLeaseStoreTests(MigratedDatabase database) : LeaseStoreConformanceTests, IClassFixture<MigratedDatabase>
{
    private readonly EfCoreStoreHost _host = new(database);

    protected override Task<ILeaseStore> CreateStoreAsync(TimeProvider timeProvider) => _host.CreateAsync<ILeaseStore>(timeProvider);

    public override async Task DisposeAsync() => await _host.DisposeAsync();
}
