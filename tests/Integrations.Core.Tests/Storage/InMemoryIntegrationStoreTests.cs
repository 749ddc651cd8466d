using Integrations.TestSupport.Conformance;

namespace Integrations.Core.Tests.Storage;

public sealed class InMemoryIntegrationStoreTests : IntegrationStoreConformanceTests
{
    protected override Task<IIntegrationStore> CreateStoreAsync(TimeProvider timeProvider) =>
        Task.FromResult<IIntegrationStore>(new InMemoryIntegrationStore());
}
