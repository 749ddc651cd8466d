using System.Collections.Immutable;

namespace Integrations;

/// <summary>What goes into an authorization URL.</summary>
public sealed record AuthorizationUrlContext
{
    /// <summary>The random <c>state</c> value.</summary>
    public required string State { get; init; }

    /// <summary>The PKCE S256 code challenge.</summary>
    public required string CodeChallenge { get; init; }

    /// <summary>The scopes to request.</summary>
    public ImmutableArray<string> Scopes { get; init; } = [];

    /// <summary>Where the provider sends the user back.</summary>
    public required Uri RedirectUri { get; init; }

    /// <summary>The OpenID Connect nonce, when one is used.</summary>
    public string? Nonce { get; init; }

    /// <summary>An account hint for the provider's sign-in page (e-mail or account id).</summary>
    public string? LoginHint { get; init; }

    /// <summary>Extra query parameters for this request; they override the provider's configured ones.</summary>
    public ImmutableDictionary<string, string> ExtraParameters { get; init; } = ImmutableDictionary<string, string>.Empty;
}
