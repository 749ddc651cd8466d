using Integrations.Testing;

namespace Integrations.Sample;

/// <summary>
/// Changes both sides between two syncs, as <see cref="SyncScenario"/> says: another client of the
/// provider edits, deletes and adds items there; the user edits, deletes and adds items in the app;
/// and one item is edited on both sides (a conflict).
/// </summary>
internal static class SyncEdits
{
    private static readonly DateTimeOffset Someday = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Makes the changes and returns the item edited on both sides, with the title each side gave it.</summary>
    public static Conflict Apply(SandboxSyncServer server, HostItemTable table, int seeded)
    {
        var targets = SyncScenario.Pick(seeded);

        // The seed's items, in id order (items created later come after them).
        var remote = server.Items.Take(seeded).ToList();
        HostItem Local(int position) =>
            table.FindByExternalId(remote[position].Id) ?? throw new SampleException($"Item {remote[position].Id} was not pulled into the host's table.");

        foreach (var position in targets.RemoteUpdates)
        {
            server.Update(remote[position].Id, Renamed(remote[position].Data!, "moved at the provider"));
        }

        foreach (var position in targets.RemoteDeletes)
        {
            server.Delete(remote[position].Id);
        }

        for (var i = 1; i <= SyncScenario.RemoteCreates; i++)
        {
            server.Create(new SandboxItemData($"Added at the provider {i}", "Created on another device.", Someday.AddDays(i)));
        }

        foreach (var position in targets.LocalEdits)
        {
            table.Edit(Local(position).LocalId, Renamed(Local(position).Data!, "edited in the app"));
        }

        foreach (var position in targets.LocalDeletes)
        {
            table.Remove(Local(position).LocalId);
        }

        for (var i = 1; i <= SyncScenario.LocalCreates; i++)
        {
            table.Add(new SandboxItemData($"Added in the app {i}", "Created by the user in the host app.", Someday.AddDays(-i)));
        }

        // The conflict: the provider first, then the app, both after the last sync.
        var item = remote[targets.Conflict];
        var atProvider = server.Update(item.Id, Renamed(item.Data!, "renamed at the provider")).Data!;
        var inApp = table.Edit(Local(targets.Conflict).LocalId, Renamed(item.Data!, "renamed in the app")).Data!;
        return new Conflict(item.Id, Local(targets.Conflict).LocalId, atProvider.Title, inApp.Title);
    }

    private static SandboxItemData Renamed(SandboxItemData data, string how) => data with { Title = $"{data.Title} ({how})" };

    /// <summary>The item changed on both sides: its ids and the two titles.</summary>
    public sealed record Conflict(string ExternalId, string LocalId, string RemoteTitle, string LocalTitle);
}
