namespace Integrations.Internal;

/// <summary>The authorization request parameters the SDK sets itself; configuration and requests cannot override them.</summary>
internal static class AuthorizationParameterNames
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method", "nonce",
    };

    public static bool IsReserved(string name) => Reserved.Contains(name);

    public static string List => string.Join(", ", Reserved.Order(StringComparer.Ordinal));
}
