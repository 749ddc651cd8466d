using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport.Conformance;

namespace Integrations.Storage.EfCore.Tests.Conformance;

public sealed class EfCoreIntegrationStoreTests(MigratedDatabase database) : IntegrationStoreConformanceTests, IClassFixture<MigratedDatabase>
{
    private readonly EfCoreStoreHost _host = new(database);

    protected override Task<IIntegrationStore> CreateStoreAsync(TimeProvider timeProvider) => _host.CreateAsync<IIntegrationStore>(timeProvider);

    public override async Task DisposeAsync() => await _host.DisposeAsync();
}
