using System.Collections.Specialized;
using System.Web;

namespace Integrations.Testing.Internal;

/// <summary>Query or form parameters, read the way RFC 6749 §3.1 asks: empty values count as absent, repeats are an error.</summary>
internal sealed class SandboxParameters(NameValueCollection values)
{
    public static SandboxParameters Empty { get; } = new(new NameValueCollection());

    public static SandboxParameters Parse(string? encoded) =>
        string.IsNullOrEmpty(encoded) ? Empty : new(HttpUtility.ParseQueryString(encoded));

    public string? this[string name] => values.GetValues(name) is [{ Length: > 0 } value] ? value : null;

    /// <summary>The first parameter sent more than once, if any.</summary>
    public string? FindRepeated()
    {
        foreach (var name in values.AllKeys)
        {
            if (name is not null && values.GetValues(name) is { Length: > 1 })
            {
                return name;
            }
        }

        return null;
    }
}
