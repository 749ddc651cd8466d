using System.Collections.Immutable;
using System.Text.Json;

namespace Integrations.Internal;

/// <summary>Reads scope lists as providers send them: separated by the provider's separator and/or spaces, or as a JSON array.</summary>
internal static class ScopeText
{
    /// <summary>Splits a scope string; a scope token never contains a space (RFC 6749 §3.3), so spaces always separate.</summary>
    public static ImmutableArray<string> Split(string value, string separator)
    {
        var parts = value.Split(separator == " " ? [" "] : [separator, " "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var builder = ImmutableArray.CreateBuilder<string>(parts.Length);
        foreach (var part in parts)
        {
            if (!builder.Contains(part, StringComparer.Ordinal))
            {
                builder.Add(part);
            }
        }

        return builder.DrainToImmutable();
    }

    /// <summary>Reads a <c>scope</c> member that is a string or an array of strings.</summary>
    public static ImmutableArray<string>? Read(JsonElement scope, string separator) => scope.ValueKind switch
    {
        JsonValueKind.String => Split(scope.GetString()!, separator),
        JsonValueKind.Array => [.. scope.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)],
        _ => null,
    };
}
