using Integrations.TestSupport.Conformance;

namespace Integrations.Core.Tests.Storage;

public sealed class InMemoryLeaseStoreTests : LeaseStoreConformanceTests
{
    protected override Task<ILeaseStore> CreateStoreAsync(TimeProvider timeProvider) =>
        Task.FromResult<ILeaseStore>(new InMemoryLeaseStore(timeProvider));
}
