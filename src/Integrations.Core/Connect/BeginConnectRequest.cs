using System.Collections.Immutable;

namespace Integrations;

/// <summary>A user's request to connect an account.</summary>
public sealed record BeginConnectRequest
{
    /// <summary>The user (and tenant) connecting.</summary>
    public required IntegrationOwner Owner { get; init; }

    /// <summary>The provider name.</summary>
    public required string Provider { get; init; }

    /// <summary>Where the provider sends the user back; must be registered at the provider.</summary>
    public required Uri RedirectUri { get; init; }

    /// <summary>The scopes to request; empty means the provider's default scopes.</summary>
    public ImmutableArray<string> Scopes { get; init; } = [];

    /// <summary>A name for the new integration; default the account's name or e-mail.</summary>
    public string? DisplayName { get; init; }

    /// <summary>An account hint for the provider's sign-in page.</summary>
    public string? LoginHint { get; init; }

    /// <summary>Extra authorization parameters for this request (for example <c>prompt=consent</c>).</summary>
    public ImmutableDictionary<string, string> ExtraParameters { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Host data carried to <see cref="ConnectResult"/> (for example a return URL). Not sent to the provider.</summary>
    public ImmutableDictionary<string, string> Properties { get; init; } = ImmutableDictionary<string, string>.Empty;
}
