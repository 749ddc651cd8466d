using Integrations.TestSupport.Conformance.Sync;

namespace Integrations.Core.Tests.Sync.Storage;

public sealed class InMemorySyncRunStoreConformanceTests : SyncRunStoreConformance
{
    protected override Task<ISyncRunStore> CreateStoreAsync() => Task.FromResult<ISyncRunStore>(new InMemorySyncRunStore());
}
