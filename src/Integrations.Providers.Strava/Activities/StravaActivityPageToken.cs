using System.Globalization;

namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// The position inside one pass over the athlete's activities, saved by the engine as the page
/// token: the next page number, the pass's <c>after</c> and <c>before</c> bounds (fixed for the whole
/// pass) and the newest start time seen so far (which becomes the next cursor).
/// Text form: <c>v1:{page}:{after}:{before}:{newest}</c>, epoch seconds, empty for none.
/// </summary>
internal readonly record struct StravaActivityPageToken(int Page, long? After, long? Before, long? Newest)
{
    private const string Version = "v1";

    public override string ToString() =>
        string.Join(':', Version, Page.ToString(CultureInfo.InvariantCulture), Text(After), Text(Before), Text(Newest));

    public static bool TryParse(string text, out StravaActivityPageToken token)
    {
        token = default;
        var parts = text.Split(':');
        if (parts.Length != 5 || parts[0] != Version
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var page) || page < 1
            || !TryNumber(parts[2], out var after) || !TryNumber(parts[3], out var before) || !TryNumber(parts[4], out var newest))
        {
            return false;
        }

        token = new StravaActivityPageToken(page, after, before, newest);
        return true;
    }

    /// <summary>The cursor between passes: the newest start time seen, in epoch seconds.</summary>
    public static bool TryParseCursor(string text, out long newest) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out newest);

    private static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static bool TryNumber(string text, out long? value)
    {
        value = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        value = number;
        return true;
    }
}
