using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// The remote version of an activity. Strava's list has no etag or update time, so the version is
/// a hash of the fields an athlete can change by editing the activity (name, sport, type,
/// distance, times, elevation, start, flags, visibility, gear, workout type, route). It leaves
/// out the social counters (kudos, comments, achievements, photos), which change without an edit
/// and would re-deliver every activity someone liked, and the description, which lists do not
/// carry. So an edit of the description alone is not seen by a list pull; webhook events
/// (title, type, privacy) and the targeted fetch they trigger are.
/// </summary>
internal static class StravaActivityVersion
{
    private const string Prefix = "v1-";

    public static string Of(StravaActivity activity)
    {
        var text = new StringBuilder(256);
        Append(text, activity.Name);
        Append(text, activity.SportType);
        Append(text, activity.Type);
        Append(text, activity.Distance);
        Append(text, activity.MovingTime?.TotalSeconds);
        Append(text, activity.ElapsedTime?.TotalSeconds);
        Append(text, activity.TotalElevationGain);
        Append(text, activity.StartDate?.UtcTicks);
        Append(text, activity.StartDateLocal?.Ticks);
        Append(text, activity.Timezone);
        Append(text, activity.Trainer);
        Append(text, activity.Commute);
        Append(text, activity.Manual);
        Append(text, activity.Private);
        Append(text, activity.Visibility);
        Append(text, activity.Flagged);
        Append(text, activity.HideFromHome);
        Append(text, activity.WorkoutType);
        Append(text, activity.GearId);
        Append(text, activity.Map?.SummaryPolyline);

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        return Prefix + Convert.ToHexStringLower(hash[..12]);
    }

    // Length-prefixed, so no two different field lists give the same text.
    private static void Append(StringBuilder text, string? value) =>
        text.Append(value is null ? "-1" : value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');

    private static void Append(StringBuilder text, double? value) => Append(text, value?.ToString("R", CultureInfo.InvariantCulture));

    private static void Append(StringBuilder text, long? value) => Append(text, value?.ToString(CultureInfo.InvariantCulture));

    private static void Append(StringBuilder text, bool value) => text.Append(value ? "T|" : "F|");
}
