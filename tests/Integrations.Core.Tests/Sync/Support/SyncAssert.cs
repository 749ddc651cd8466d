namespace Integrations.Core.Tests.Sync.Support;

public static class SyncAssert
{
    /// <summary>
    /// Both sides hold the same live items: every live local row is linked (by the engine's item
    /// links) to a live remote item with equal content, and every live remote item to a local row.
    /// </summary>
    public static async Task SameItemsAsync(SyncWorld world)
    {
        var rows = world.Local.Live;
        var links = await world.States.GetLinksByLocalIdAsync(world.Integration.Id, SyncWorld.Resource, rows.Select(r => r.LocalId).ToList());
        var local = rows
            .Select(r => $"{(links.TryGetValue(r.LocalId, out var link) ? link.ExternalId : "(unlinked " + r.LocalId + ")")}={r.Data}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var remote = world.Server.Items.Select(i => $"{i.Id}={i.Data}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(remote, local);
    }
}
