using System.Globalization;
using System.Text.Json;
using Integrations.Providers.Strava;

namespace Integrations.Sample;

/// <summary>The printing of the Strava tour: scopes, activities, the rate-limit budget.</summary>
internal static class StravaReport
{
    /// <summary>Scopes the way Strava writes them: comma-separated.</summary>
    public static string Scopes(IEnumerable<string> scopes) => string.Join(',', scopes);

    /// <summary>Two fields of the raw athlete JSON the SDK keeps on the account (<see cref="ExternalAccount.RawProfile"/>).</summary>
    public static void Whereabouts(SampleConsole console, ExternalAccount account)
    {
        if (account.RawProfile is { ValueKind: JsonValueKind.Object } athlete)
        {
            console.Detail("city (raw athlete JSON)", Text(athlete, "city"));
            console.Detail("country (raw athlete JSON)", Text(athlete, "country"));
        }
    }

    /// <summary>
    /// One row per activity. The start is <see cref="StravaActivity.StartDateLocal"/>: the clock time
    /// where the activity happened, which is what an athlete recognizes (<c>StartDate</c> is the UTC instant).
    /// </summary>
    public static void Activities(SampleConsole console, IEnumerable<StravaActivity> activities) => console.Table(
        ["name", "sport_type", "start (local time there)", "distance", "moving time"],
        activities.Select(activity => new[]
        {
            activity.Name ?? "-",
            activity.SportType ?? activity.Type ?? "-",
            activity.StartDateLocal?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-",
            activity.Distance is { } metres ? Kilometres(metres) : "-",
            activity.MovingTime is { } moving ? Duration(moving) : "-",
        }));

    /// <summary>"3 activities: 76.71 km, 3:55:07 moving; the newest 'Happyish' on 2018-05-02".</summary>
    public static string Totals(IReadOnlyCollection<StravaActivity> activities)
    {
        var distance = activities.Sum(a => a.Distance ?? 0);
        var moving = activities.Aggregate(TimeSpan.Zero, (sum, a) => sum + (a.MovingTime ?? TimeSpan.Zero));
        var text = string.Create(CultureInfo.InvariantCulture, $"{activities.Count} activities: {Kilometres(distance)}, {Duration(moving)} moving");
        return activities.MaxBy(a => a.StartDate) is { StartDateLocal: { } newest } latest
            ? string.Create(CultureInfo.InvariantCulture, $"{text}; the newest '{latest.Name}' on {newest:yyyy-MM-dd}")
            : text;
    }

    /// <summary>Usage against each limit Strava reported, per window.</summary>
    public static void Budget(SampleConsole console, StravaRateLimitSnapshot snapshot)
    {
        Limits(console, "overall", snapshot.Overall);
        Limits(console, "read", snapshot.Read);
        console.Detail("requests waiting for a window", snapshot.Waiting.ToString(CultureInfo.InvariantCulture));
        console.Detail("next read request", snapshot.ResumeAt is { } resumeAt ? $"waits until {Show.Time(resumeAt)}" : "may go now");
    }

    private static void Limits(SampleConsole console, string name, StravaRateLimitUsage usage)
    {
        console.Detail($"{name}, this 15 minutes", Usage(usage.FifteenMinuteUsage, usage.FifteenMinuteLimit));
        console.Detail($"{name}, today (UTC)", Usage(usage.DailyUsage, usage.DailyLimit));
        if (usage.BlockedUntil is { } blocked)
        {
            console.Detail($"{name}, refused (429) until", Show.Time(blocked));
        }
    }

    private static string Usage(int used, int? limit) => limit is { } max
        ? string.Create(CultureInfo.InvariantCulture, $"{used} of {max} requests")
        : string.Create(CultureInfo.InvariantCulture, $"{used} requests (Strava has not reported this limit)");

    private static string Kilometres(double metres) => (metres / 1000).ToString("0.00 km", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{(int)value.TotalHours}:{value:mm\\:ss}");

    private static string? Text(JsonElement athlete, string name) =>
        athlete.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
