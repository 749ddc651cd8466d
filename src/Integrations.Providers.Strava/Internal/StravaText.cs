using System.Text;

namespace Integrations.Providers.Strava.Internal;

/// <summary>Makes Strava-supplied text safe for exception messages and logs (it is untrusted).</summary>
internal static class StravaText
{
    /// <summary>Shortens <paramref name="text"/> to <paramref name="maxLength"/> characters and replaces control characters.</summary>
    public static string? Clean(string? text, int maxLength = 120)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(text.Length, maxLength + 1));
        foreach (var c in text)
        {
            if (builder.Length == maxLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }

    /// <summary>An identifier-like code: letters, digits and <c>_ - . : /</c> only; anything else becomes <c>_</c>.</summary>
    public static string? Code(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var length = Math.Min(text.Length, 100);
        return string.Create(length, text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '/' ? c : '_';
            }
        });
    }
}
