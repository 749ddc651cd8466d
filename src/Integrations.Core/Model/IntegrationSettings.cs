using System.Collections.Immutable;

namespace Integrations;

/// <summary>The user's settings of one integration. Stored as JSON.</summary>
public sealed record IntegrationSettings
{
    /// <summary>Settings used when nothing was chosen: pull, automatic sync every hour.</summary>
    public static IntegrationSettings Default { get; } = new();

    /// <summary>Which way data is synced.</summary>
    public SyncDirection SyncDirection { get; init; } = SyncDirection.Pull;

    /// <summary>Whether the scheduler syncs this integration on its own.</summary>
    public bool AutoSync { get; init; } = true;

    /// <summary>How often the scheduler syncs this integration.</summary>
    public TimeSpan SyncInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Provider-specific settings, such as <c>calendarId</c>.</summary>
    public ImmutableDictionary<string, string> Properties { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
}
