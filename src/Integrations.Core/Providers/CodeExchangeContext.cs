namespace Integrations;

/// <summary>What the code exchange needs.</summary>
public sealed record CodeExchangeContext
{
    /// <summary>The authorization code from the callback.</summary>
    public required string Code { get; init; }

    /// <summary>The PKCE code verifier.</summary>
    public required string CodeVerifier { get; init; }

    /// <summary>The redirect URI sent in the authorization request.</summary>
    public required Uri RedirectUri { get; init; }

    /// <summary>The OpenID Connect nonce sent in the authorization request; the id_token must carry it.</summary>
    public string? Nonce { get; init; }

    /// <summary>The whole callback, for providers that read more from it.</summary>
    public required ConnectCallback Callback { get; init; }
}
