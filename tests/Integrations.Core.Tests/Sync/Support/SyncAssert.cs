namespace Integrations.Core.Tests.Sync.Support;

public static class SyncAssert
{
    /// <summary>Both sides hold the same live items: every local row is linked to a remote item with equal content, and vice versa.</summary>
    public static void SameItems(SyncWorld world)
    {
        var remote = world.Server.Items.OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => $"{i.Id}={i.Data}").ToList();
        var local = world.Local.Live.OrderBy(r => r.ExternalId, StringComparer.Ordinal).Select(r => $"{r.ExternalId}={r.Data}").ToList();
        Assert.Equal(remote, local);
    }
}
