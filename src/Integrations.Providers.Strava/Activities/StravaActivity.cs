using System.Text.Json.Serialization;
using Integrations.Providers.Strava.Internal;

namespace Integrations.Providers.Strava;

/// <summary>
/// A Strava activity as the <c>activities</c> sync resource delivers it: the fields of Strava's
/// <c>SummaryActivity</c> (the athlete's activity list), plus the few of <c>DetailedActivity</c> that
/// are filled when one activity is read. Units are Strava's: metres, metres per second, seconds.
/// </summary>
/// <remarks>
/// Reading is tolerant: a value that has the wrong type or does not fit (Strava's own example
/// carries <c>"upload_id": 987654321234567891234</c>, beyond <see cref="long"/>) reads as absent
/// instead of failing the page; <see cref="UploadIdStr"/> keeps such ids as text. Serialize it with
/// <c>System.Text.Json</c> to store it: the names and formats are Strava's.
/// </remarks>
public sealed record StravaActivity
{
    /// <summary>The activity id (64-bit).</summary>
    [JsonPropertyName("id")]
    public long Id { get; init; }

    /// <summary>The id of the athlete who owns the activity (Strava's <c>athlete.id</c>).</summary>
    [JsonPropertyName("athlete")]
    [JsonConverter(typeof(AthleteIdConverter))]
    public long? AthleteId { get; init; }

    /// <summary>The activity's name (title).</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The sport (<c>Ride</c>, <c>Run</c>, <c>GravelRide</c>, <c>VirtualRide</c>, <c>TrailRun</c>, ...). Prefer it over <see cref="Type"/>.</summary>
    [JsonPropertyName("sport_type")]
    public string? SportType { get; init; }

    /// <summary>The deprecated activity type (coarser than <see cref="SportType"/>); Strava ignores it in updates when a sport type is sent.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The distance, in metres.</summary>
    [JsonPropertyName("distance")]
    [JsonConverter(typeof(TolerantDoubleConverter))]
    public double? Distance { get; init; }

    /// <summary>The time spent moving.</summary>
    [JsonPropertyName("moving_time")]
    [JsonConverter(typeof(SecondsConverter))]
    public TimeSpan? MovingTime { get; init; }

    /// <summary>The time from start to finish, pauses included.</summary>
    [JsonPropertyName("elapsed_time")]
    [JsonConverter(typeof(SecondsConverter))]
    public TimeSpan? ElapsedTime { get; init; }

    /// <summary>The total elevation gain, in metres.</summary>
    [JsonPropertyName("total_elevation_gain")]
    [JsonConverter(typeof(TolerantDoubleConverter))]
    public double? TotalElevationGain { get; init; }

    /// <summary>The highest elevation, in metres.</summary>
    [JsonPropertyName("elev_high")]
    [JsonConverter(typeof(TolerantDoubleConverter))]
    public double? ElevationHigh { get; init; }

    /// <summary>The lowest elevation, in metres.</summary>
    [JsonPropertyName("elev_low")]
    [JsonConverter(typeof(TolerantDoubleConverter))]
    public double? ElevationLow { get; init; }

    /// <summary>When the activity started, as an instant (Strava's <c>start_date</c>, UTC). Use it for ordering and time ranges.</summary>
    [JsonPropertyName("start_date")]
    [JsonConverter(typeof(UtcInstantConverter))]
    public DateTimeOffset? StartDate { get; init; }

    /// <summary>
    /// When the activity started on the clock where it happened (Strava's <c>start_date_local</c>),
    /// with <see cref="DateTimeKind.Unspecified"/>. Strava writes it with a <c>Z</c>, but it is not
    /// UTC: <c>"2018-02-16T06:52:54Z"</c> means 06:52:54 in <see cref="Timezone"/>. Show it as is;
    /// use <see cref="StartDate"/> for instants.
    /// </summary>
    [JsonPropertyName("start_date_local")]
    [JsonConverter(typeof(WallClockConverter))]
    public DateTime? StartDateLocal { get; init; }

    /// <summary>The time zone where the activity happened, as Strava words it (<c>"(GMT-08:00) America/Los_Angeles"</c>).</summary>
    [JsonPropertyName("timezone")]
    public string? Timezone { get; init; }

    /// <summary>The offset of <see cref="Timezone"/> from UTC at the start (<c>utc_offset</c>, sent in seconds).</summary>
    [JsonPropertyName("utc_offset")]
    [JsonConverter(typeof(SecondsConverter))]
    public TimeSpan? UtcOffset { get; init; }

    /// <summary>Where the activity started, when it has GPS.</summary>
    [JsonPropertyName("start_latlng")]
    [JsonConverter(typeof(LatLngConverter))]
    public StravaLatLng? StartLatLng { get; init; }

    /// <summary>Where the activity ended, when it has GPS.</summary>
    [JsonPropertyName("end_latlng")]
    [JsonConverter(typeof(LatLngConverter))]
    public StravaLatLng? EndLatLng { get; init; }

    /// <summary>The route.</summary>
    [JsonPropertyName("map")]
    public StravaPolylineMap? Map { get; init; }

    /// <summary>Whether it was recorded on a trainer (indoors).</summary>
    [JsonPropertyName("trainer")]
    [JsonConverter(typeof(TolerantBooleanConverter))]
    public bool Trainer { get; init; }

    /// <summary>Whether it is a commute.</summary>
    [JsonPropertyName("commute")]
    [JsonConverter(typeof(TolerantBooleanConverter))]
    public bool Commute { get; init; }

    /// <summary>Whether it was entered by hand rather than recorded.</summary>
    [JsonPropertyName("manual")]
    [JsonConverter(typeof(TolerantBooleanConverter))]
    public bool Manual { get; init; }

    /// <summary>Whether only the athlete can see it ("Only You"). Visible only with <c>activity:read_all</c>.</summary>
    [JsonPropertyName("private")]
    [JsonConverter(typeof(TolerantBooleanConverter))]
    public bool Private { get; init; }

    /// <summary>Who can see it (<c>everyone</c>, <c>followers_only</c>, <c>only_me</c>), when Strava says.</summary>
    [JsonPropertyName("visibility")]
    public string? Visibility { get; init; }

    /// <summary>Whether it was flagged.</summary>
    [JsonPropertyName("flagged")]
    [JsonConverter(typeof(TolerantBooleanConverter))]
    public bool Flagged { get; init; }

    /// <summary>Whether it is muted from the athlete's followers' feeds.</summary>
    [JsonPropertyName("hide_from_home")]
    [JsonConverter(typeof(TolerantBooleanConverter))]
    public bool HideFromHome { get; init; }

    /// <summary>The workout type code (run: 0 default, 1 race, 2 long run, 3 workout; ride: 10 default, 11 race, 12 workout).</summary>
    [JsonPropertyName("workout_type")]
    [JsonConverter(typeof(TolerantInt32Converter))]
    public int? WorkoutType { get; init; }

    /// <summary>The id of the gear used.</summary>
    [JsonPropertyName("gear_id")]
    public string? GearId { get; init; }

    /// <summary>The average speed, in metres per second.</summary>
    [JsonPropertyName("average_speed")]
    [JsonConverter(typeof(TolerantDoubleConverter))]
    public double? AverageSpeed { get; init; }

    /// <summary>The maximum speed, in metres per second.</summary>
    [JsonPropertyName("max_speed")]
    [JsonConverter(typeof(TolerantDoubleConverter))]
    public double? MaxSpeed { get; init; }

    /// <summary>Whether heart rate was recorded.</summary>
    [JsonPropertyName("has_heartrate")]
    [JsonConverter(typeof(TolerantBooleanConverter))]
    public bool HasHeartrate { get; init; }

    /// <summary>The average heart rate, in beats per minute.</summary>
    [JsonPropertyName("average_heartrate")]
    [JsonConverter(typeof(TolerantDoubleConverter))]
    public double? AverageHeartrate { get; init; }

    /// <summary>The maximum heart rate, in beats per minute.</summary>
    [JsonPropertyName("max_heartrate")]
    [JsonConverter(typeof(TolerantDoubleConverter))]
    public double? MaxHeartrate { get; init; }

    /// <summary>The average cadence.</summary>
    [JsonPropertyName("average_cadence")]
    [JsonConverter(typeof(TolerantDoubleConverter))]
    public double? AverageCadence { get; init; }

    /// <summary>The work done, in kilojoules (rides).</summary>
    [JsonPropertyName("kilojoules")]
    [JsonConverter(typeof(TolerantDoubleConverter))]
    public double? Kilojoules { get; init; }

    /// <summary>The average power, in watts (rides).</summary>
    [JsonPropertyName("average_watts")]
    [JsonConverter(typeof(TolerantDoubleConverter))]
    public double? AverageWatts { get; init; }

    /// <summary>The weighted average power, in watts (rides with a power meter).</summary>
    [JsonPropertyName("weighted_average_watts")]
    [JsonConverter(typeof(TolerantDoubleConverter))]
    public double? WeightedAverageWatts { get; init; }

    /// <summary>The maximum power, in watts (rides with a power meter).</summary>
    [JsonPropertyName("max_watts")]
    [JsonConverter(typeof(TolerantDoubleConverter))]
    public double? MaxWatts { get; init; }

    /// <summary>Whether the power came from a power meter rather than Strava's estimate.</summary>
    [JsonPropertyName("device_watts")]
    [JsonConverter(typeof(TolerantBooleanConverter))]
    public bool DeviceWatts { get; init; }

    /// <summary>How many achievements it earned.</summary>
    [JsonPropertyName("achievement_count")]
    [JsonConverter(typeof(TolerantInt32Converter))]
    public int? AchievementCount { get; init; }

    /// <summary>How many kudos it received.</summary>
    [JsonPropertyName("kudos_count")]
    [JsonConverter(typeof(TolerantInt32Converter))]
    public int? KudosCount { get; init; }

    /// <summary>How many comments it received.</summary>
    [JsonPropertyName("comment_count")]
    [JsonConverter(typeof(TolerantInt32Converter))]
    public int? CommentCount { get; init; }

    /// <summary>How many athletes took part.</summary>
    [JsonPropertyName("athlete_count")]
    [JsonConverter(typeof(TolerantInt32Converter))]
    public int? AthleteCount { get; init; }

    /// <summary>How many Instagram photos it has.</summary>
    [JsonPropertyName("photo_count")]
    [JsonConverter(typeof(TolerantInt32Converter))]
    public int? PhotoCount { get; init; }

    /// <summary>How many photos it has in all.</summary>
    [JsonPropertyName("total_photo_count")]
    [JsonConverter(typeof(TolerantInt32Converter))]
    public int? TotalPhotoCount { get; init; }

    /// <summary>The identifier the uploader gave (for example the file name).</summary>
    [JsonPropertyName("external_id")]
    public string? ExternalId { get; init; }

    /// <summary>The upload id, or <see langword="null"/> when absent or too large for <see cref="long"/> (see <see cref="UploadIdStr"/>).</summary>
    [JsonPropertyName("upload_id")]
    [JsonConverter(typeof(TolerantInt64Converter))]
    public long? UploadId { get; init; }

    /// <summary>The upload id as text, exact whatever its size.</summary>
    [JsonPropertyName("upload_id_str")]
    public string? UploadIdStr { get; init; }

    /// <summary>The description; only when one activity is read (<c>GET /activities/{id}</c>) or written, never in lists.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>The energy, in kilocalories; only when one activity is read.</summary>
    [JsonPropertyName("calories")]
    [JsonConverter(typeof(TolerantDoubleConverter))]
    public double? Calories { get; init; }

    /// <summary>The recording device; only when one activity is read.</summary>
    [JsonPropertyName("device_name")]
    public string? DeviceName { get; init; }
}
