namespace Integrations.Testing.Internal;

/// <summary>The outcome of a grant at the token endpoint: tokens, or an OAuth error code and description.</summary>
internal readonly record struct GrantResult(IssuedTokens? Tokens, string? Error, string? Description)
{
    public static GrantResult Ok(IssuedTokens tokens) => new(tokens, null, null);

    public static GrantResult Fail(string error, string description) => new(null, error, description);
}
