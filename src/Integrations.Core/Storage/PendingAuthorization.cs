using System.Collections.Immutable;

namespace Integrations;

/// <summary>
/// An authorization that has begun and not yet come back: what the callback needs to finish it.
/// Single use. Holds no plaintext secret: the state is stored as a hash and the PKCE verifier
/// encrypted.
/// </summary>
public sealed record PendingAuthorization
{
    /// <summary>The SHA-256 hash (base64url) of the <c>state</c> parameter; the lookup key.</summary>
    public required string StateHash { get; init; }

    /// <summary>The owner's tenant.</summary>
    public string? TenantId { get; init; }

    /// <summary>The user who began the authorization; only they can complete it.</summary>
    public required string UserId { get; init; }

    /// <summary>The provider name.</summary>
    public required string Provider { get; init; }

    /// <summary>The scopes requested.</summary>
    public ImmutableArray<string> Scopes { get; init; } = [];

    /// <summary>The redirect URI sent to the provider; the code exchange must repeat it.</summary>
    public required Uri RedirectUri { get; init; }

    /// <summary>The PKCE code verifier, encrypted.</summary>
    public required string ProtectedCodeVerifier { get; init; }

    /// <summary>The OpenID Connect nonce, when one was sent.</summary>
    public string? Nonce { get; init; }

    /// <summary>The display name the user chose for the new integration, if any.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Host data carried through the flow (for example a return URL).</summary>
    public ImmutableDictionary<string, string> Properties { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>When the authorization began.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the state stops being accepted.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The owner.</summary>
    public IntegrationOwner Owner => new(TenantId, UserId);
}
