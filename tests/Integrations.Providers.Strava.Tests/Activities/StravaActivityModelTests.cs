using System.Text.Json;
using Integrations.Providers.Strava.Internal;
using Integrations.Providers.Strava.Tests.Support;

namespace Integrations.Providers.Strava.Tests.Activities;

public sealed class StravaActivityModelTests
{
    [Fact]
    public void The_documented_list_reads_in_full_despite_an_upload_id_too_large_for_long()
    {
        var activities = JsonSerializer.Deserialize(Fixture.Bytes("activities-page-1.json"), StravaJsonContext.Default.ListStravaActivity)!;

        Assert.Equal(2, activities.Count);
        var happyish = activities[0];
        Assert.Equal(154504250376823, happyish.Id);
        Assert.Null(happyish.UploadId);
        Assert.Equal("987654321234567891234", happyish.UploadIdStr);
        Assert.Equal(134815, happyish.AthleteId);
        Assert.Equal("MountainBikeRide", happyish.SportType);
        Assert.Equal("Ride", happyish.Type);
        Assert.Equal(24931.4, happyish.Distance);
        Assert.Equal(TimeSpan.FromSeconds(4500), happyish.MovingTime);
        Assert.Equal(new DateTimeOffset(2018, 5, 2, 12, 15, 9, TimeSpan.Zero), happyish.StartDate);
        Assert.Equal(TimeSpan.FromHours(-7), happyish.UtcOffset);
        Assert.Null(happyish.StartLatLng);
        Assert.True(happyish.Trainer);
        Assert.True(happyish.DeviceWatts);
        Assert.Null(happyish.WorkoutType);
        Assert.Equal(1234567819, activities[1].UploadId);
        Assert.Equal(new StravaLatLng(37.83, -122.26), activities[1].StartLatLng);
        Assert.StartsWith("ki{eFvqfiV", activities[1].Map!.SummaryPolyline, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_date_local_is_the_wall_clock_time_despite_its_Z()
    {
        var activity = Assert.Single(JsonSerializer.Deserialize(Fixture.Bytes("activities-page-2.json"), StravaJsonContext.Default.ListStravaActivity)!);

        Assert.Equal(new DateTime(2018, 2, 16, 6, 52, 54), activity.StartDateLocal);
        Assert.Equal(DateTimeKind.Unspecified, activity.StartDateLocal!.Value.Kind);
        Assert.Equal(new DateTimeOffset(2018, 2, 16, 14, 52, 54, TimeSpan.Zero), activity.StartDate);
        Assert.Equal(activity.StartDate!.Value.UtcDateTime + activity.UtcOffset!.Value, activity.StartDateLocal.Value);
        Assert.Equal("(GMT-08:00) America/Los_Angeles", activity.Timezone);
    }

    [Fact]
    public void Odd_values_read_as_absent_instead_of_failing_the_page()
    {
        var activity = Assert.Single(JsonSerializer.Deserialize(Fixture.Bytes("activities-odd-values.json"), StravaJsonContext.Default.ListStravaActivity)!);

        Assert.Equal(42424242424242, activity.Id);
        Assert.Equal(134815, activity.AthleteId);
        Assert.Equal(1234.5, activity.Distance);
        Assert.Null(activity.MovingTime);
        Assert.Equal(TimeSpan.FromMinutes(10), activity.ElapsedTime);
        Assert.Null(activity.TotalElevationGain);
        Assert.Null(activity.WorkoutType);
        Assert.Null(activity.UploadId);
        Assert.Null(activity.StartDate);
        Assert.Equal(new DateTime(2018, 5, 2, 5, 15, 9), activity.StartDateLocal);
        Assert.Equal(TimeSpan.FromHours(-1), activity.UtcOffset);
        Assert.Null(activity.StartLatLng);
        Assert.Null(activity.EndLatLng);
        Assert.Null(activity.KudosCount);
        Assert.True(activity.Trainer);
        Assert.True(activity.Commute);
        Assert.False(activity.Manual);
        Assert.False(activity.Private);
        Assert.False(activity.Flagged);
    }

    [Fact]
    public void Serialized_activities_keep_Stravas_names_and_formats()
    {
        var activity = JsonSerializer.Deserialize(Fixture.Bytes("activity-detail.json"), StravaJsonContext.Default.StravaActivity)!;

        var json = JsonSerializer.Serialize(activity, StravaJsonContext.Default.StravaActivity);
        using var document = JsonDocument.Parse(json);
        var again = JsonSerializer.Deserialize(json, StravaJsonContext.Default.StravaActivity);

        Assert.Equal("2018-02-16T06:52:54Z", document.RootElement.GetProperty("start_date_local").GetString());
        Assert.Equal(4207, document.RootElement.GetProperty("moving_time").GetInt64());
        Assert.Equal(134815, document.RootElement.GetProperty("athlete").GetProperty("id").GetInt64());
        Assert.Equal("#test", activity.Description);
        Assert.Equal("Garmin Edge 1030", activity.DeviceName);
        Assert.Equal(activity, again);
    }

    [Fact]
    public void The_version_changes_with_an_edit_and_not_with_kudos()
    {
        var activity = JsonSerializer.Deserialize(Fixture.Bytes("activity-detail.json"), StravaJsonContext.Default.StravaActivity)!;
        var version = StravaActivityVersion.Of(activity);

        Assert.Equal(version, StravaActivityVersion.Of(activity with { KudosCount = 20, CommentCount = 3, AchievementCount = 1, TotalPhotoCount = 5 }));
        Assert.Equal(version, StravaActivityVersion.Of(activity with { Description = "lists do not carry it" }));
        Assert.NotEqual(version, StravaActivityVersion.Of(activity with { Name = "Happy Saturday" }));
        Assert.NotEqual(version, StravaActivityVersion.Of(activity with { SportType = "GravelRide" }));
        Assert.NotEqual(version, StravaActivityVersion.Of(activity with { Private = true }));
        Assert.NotEqual(version, StravaActivityVersion.Of(activity with { ElapsedTime = activity.ElapsedTime + TimeSpan.FromSeconds(1) }));
        Assert.NotEqual(version, StravaActivityVersion.Of(activity with { Map = activity.Map! with { SummaryPolyline = "cropped" } }));
        Assert.NotEqual(StravaActivityVersion.Of(activity with { Name = "ab", Timezone = "c" }), StravaActivityVersion.Of(activity with { Name = "a", Timezone = "bc" }));
    }

    [Fact]
    public void The_detail_and_the_list_of_one_activity_have_the_same_version()
    {
        var listed = Assert.Single(JsonSerializer.Deserialize(Fixture.Bytes("activities-page-2.json"), StravaJsonContext.Default.ListStravaActivity)!);
        var detailed = JsonSerializer.Deserialize(Fixture.Bytes("activity-detail.json"), StravaJsonContext.Default.StravaActivity)!;

        // The detail adds a description, calories, gear and laps: none of them is part of the version.
        Assert.Equal(StravaActivityVersion.Of(listed), StravaActivityVersion.Of(detailed));
    }
}
