using Integrations.Testing;

namespace Integrations.Sample;

/// <summary>
/// What the sync steps do to each side, in one place, so that the printed counts can be checked
/// against it (the smoke tests derive their expected numbers from these constants and the seed).
/// </summary>
internal static class SyncScenario
{
    /// <summary>The synced resource: the sandbox's paged, writable list of event-like items.</summary>
    public const string Resource = "items";

    public const int DefaultItemCount = 3000;

    /// <summary>Enough items for the edits below to touch different ones.</summary>
    public const int MinItemCount = 20;

    /// <summary>The sandbox server and the host's table hold every item in memory; this keeps the sample quick.</summary>
    public const int MaxItemCount = 200_000;

    /// <summary>Smaller than the engine's default (500), so a few thousand items make a dozen pages for the progress bar.</summary>
    public const int PageSize = 250;

    /// <summary>Each sandbox request takes this long, like a real API's round trip, so the progress bar has something to show.</summary>
    public static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(40);

    // Changes made at the provider by "another client" (a phone app, say) between two syncs.
    public const int RemoteUpdates = 3;
    public const int RemoteDeletes = 2;
    public const int RemoteCreates = 2;

    // Changes the user makes in the host app between two syncs.
    public const int LocalEdits = 3;
    public const int LocalCreates = 2;
    public const int LocalDeletes = 1;

    /// <summary>The resource's conflict policy: an edit made in the app beats a concurrent edit at the provider.</summary>
    public const SyncConflictPolicy ConflictPolicy = SyncConflictPolicy.LocalWins;

    private static readonly DateTimeOffset FirstStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Item <paramref name="index"/> of the seed: a calendar-like entry, one every two hours.</summary>
    public static SandboxItemData Seed(int index) =>
        new($"Event {index + 1:D5}", "Seeded at the provider before the first sync.", FirstStart.AddHours(2 * index));

    /// <summary>
    /// The positions (in id order) of the seeded items each edit touches: all different, spread over
    /// the list, so they land on different pages.
    /// </summary>
    public static Targets Pick(int count)
    {
        var step = count / (RemoteUpdates + RemoteDeletes + LocalEdits + LocalDeletes + 2);
        var next = step / 2;
        int[] Take(int n) => Enumerable.Range(0, n).Select(_ => next += step).ToArray();
        return new Targets(Conflict: step / 2, RemoteUpdates: Take(RemoteUpdates), RemoteDeletes: Take(RemoteDeletes), LocalEdits: Take(LocalEdits), LocalDeletes: Take(LocalDeletes));
    }

    /// <summary>Positions of seeded items: the one edited on both sides, and those edited on one side.</summary>
    public sealed record Targets(int Conflict, int[] RemoteUpdates, int[] RemoteDeletes, int[] LocalEdits, int[] LocalDeletes);
}
