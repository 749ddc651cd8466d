using System.Text;

namespace Integrations.Internal;

/// <summary>Makes provider-supplied text safe to put in exception messages and logs.</summary>
internal static class ProviderText
{
    private const int MaxLength = 200;

    /// <summary>Shortens <paramref name="text"/> and drops control characters (provider text is untrusted).</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var builder = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        foreach (var c in text)
        {
            if (builder.Length == MaxLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString().Trim();
    }
}
