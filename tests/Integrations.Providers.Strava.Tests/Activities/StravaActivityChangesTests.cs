using Integrations.Providers.Strava.Internal;

namespace Integrations.Providers.Strava.Tests.Activities;

public sealed class StravaActivityChangesTests
{
    private static readonly Guid Integration = Guid.NewGuid();

    [Fact]
    public void The_latest_event_of_an_activity_wins_and_a_duplicate_adds_nothing()
    {
        var changes = new StravaActivityChanges();

        changes.Add(Integration, new StravaActivityChange(1, Deleted: false));
        changes.Add(Integration, new StravaActivityChange(1, Deleted: false));
        changes.Add(Integration, new StravaActivityChange(1, Deleted: true));

        Assert.Equal([new StravaActivityChange(1, true)], changes.Take(Integration, 10));
        Assert.False(changes.HasPending(Integration));
    }

    [Fact]
    public void Restored_changes_do_not_override_newer_events()
    {
        var changes = new StravaActivityChanges();
        changes.Add(Integration, new StravaActivityChange(1, Deleted: false));
        changes.Add(Integration, new StravaActivityChange(2, Deleted: false));
        var taken = changes.Take(Integration, 10);

        changes.Add(Integration, new StravaActivityChange(2, Deleted: true));
        changes.Restore(Integration, taken);

        Assert.Equal([new StravaActivityChange(1, false), new StravaActivityChange(2, true)], changes.Take(Integration, 10).OrderBy(c => c.ActivityId));
    }

    [Fact]
    public void Too_many_waiting_changes_turn_into_one_full_resync()
    {
        var changes = new StravaActivityChanges();
        for (var id = 0; id < StravaActivityChanges.MaxPerIntegration; id++)
        {
            Assert.True(changes.Add(Integration, new StravaActivityChange(id, Deleted: false)));
        }

        Assert.False(changes.Add(Integration, new StravaActivityChange(-1, Deleted: false)));
        Assert.False(changes.HasPending(Integration));
        Assert.True(changes.TakeOverflow(Integration));
        Assert.False(changes.TakeOverflow(Integration));
        Assert.True(changes.Add(Integration, new StravaActivityChange(7, Deleted: false)));
    }
}
