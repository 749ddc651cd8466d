namespace Integrations.Core.Tests.Sync.Support;

public static class SyncRunStoreExtensions
{
    public static async Task<IReadOnlyList<SyncRun>> ListAsync(this ISyncRunStore runs, SyncWorld world) =>
        (await runs.QueryAsync(world.Key, new SyncHistoryQuery { Take = 500 })).Runs;
}
