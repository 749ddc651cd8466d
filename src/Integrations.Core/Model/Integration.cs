using System.Collections.Immutable;

namespace Integrations;

/// <summary>
/// One user's connection to one provider account. Immutable: change it with <c>with</c> and save it
/// through <see cref="IIntegrationStore.UpdateAsync"/>, which checks <see cref="Version"/>.
/// </summary>
public sealed record Integration
{
    /// <summary>The integration id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The organization the owner belongs to, or <see langword="null"/>.</summary>
    public string? TenantId { get; init; }

    /// <summary>The host's id of the user who owns the integration.</summary>
    public required string UserId { get; init; }

    /// <summary>The registered provider name (for example <c>google</c>).</summary>
    public required string Provider { get; init; }

    /// <summary>The name the user sees; defaults to the external account's name or e-mail.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The external account the integration is connected to.</summary>
    public required ExternalAccount Account { get; init; }

    /// <summary>The scopes the user actually granted.</summary>
    public ImmutableArray<string> GrantedScopes { get; init; } = [];

    /// <summary>The connection state.</summary>
    public IntegrationStatus Status { get; init; } = IntegrationStatus.Active;

    /// <summary>The encrypted tokens, or <see langword="null"/> when none are held (revoked, disconnected).</summary>
    public ProtectedTokenSet? Tokens { get; init; }

    /// <summary>Error counters and usage times.</summary>
    public IntegrationHealth Health { get; init; } = IntegrationHealth.Healthy;

    /// <summary>The user's settings.</summary>
    public IntegrationSettings Settings { get; init; } = IntegrationSettings.Default;

    /// <summary>Free-form data of the host, stored as JSON.</summary>
    public ImmutableDictionary<string, string> Metadata { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>When the scheduler should sync this integration next, or <see langword="null"/> for never.</summary>
    public DateTimeOffset? NextSyncAt { get; init; }

    /// <summary>When the integration was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the integration was last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The concurrency version: set by the store, incremented on every update. An update carrying a
    /// stale version fails with <see cref="IntegrationErrorCode.ConcurrencyConflict"/>.
    /// </summary>
    public long Version { get; init; }

    /// <summary>The integration's owner.</summary>
    public IntegrationOwner Owner => new(TenantId, UserId);

    /// <summary>The integration's id together with its owner.</summary>
    public IntegrationKey Key => new(Id, Owner);
}
