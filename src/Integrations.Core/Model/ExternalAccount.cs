using System.Text.Json;

namespace Integrations;

/// <summary>The account at the provider that an integration is connected to.</summary>
public sealed record ExternalAccount
{
    /// <summary>Creates an external account.</summary>
    /// <param name="id">The provider's stable id of the account (for OpenID Connect, <c>sub</c>).</param>
    public ExternalAccount(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Id = id;
    }

    /// <summary>The provider's stable id of the account (OpenID Connect <c>sub</c>, Strava athlete id, ...).</summary>
    public string Id { get; }

    /// <summary>The account's user name at the provider, when it has one.</summary>
    public string? Username { get; init; }

    /// <summary>The account's e-mail address, when the provider shares it.</summary>
    public string? Email { get; init; }

    /// <summary>The account holder's display name.</summary>
    public string? Name { get; init; }

    /// <summary>A URL of the account's picture.</summary>
    public string? AvatarUrl { get; init; }

    /// <summary>The profile as the provider returned it (userinfo response or equivalent).</summary>
    public JsonElement? RawProfile { get; init; }
}
