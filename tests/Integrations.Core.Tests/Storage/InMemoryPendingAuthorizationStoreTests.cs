using Integrations.TestSupport.Conformance;

namespace Integrations.Core.Tests.Storage;

public sealed class InMemoryPendingAuthorizationStoreTests : PendingAuthorizationStoreConformanceTests
{
    protected override Task<IPendingAuthorizationStore> CreateStoreAsync(TimeProvider timeProvider) =>
        Task.FromResult<IPendingAuthorizationStore>(new InMemoryPendingAuthorizationStore());
}
