using Integrations.TestSupport.Conformance.Sync;

namespace Integrations.Core.Tests.Sync.Storage;

public sealed class InMemorySyncStateStoreConformanceTests : SyncStateStoreConformance
{
    protected override Task<ISyncStateStore> CreateStoreAsync() => Task.FromResult<ISyncStateStore>(new InMemorySyncStateStore());
}
