namespace Integrations;

/// <summary>SDK-wide settings, bindable from configuration (for example the <c>Integrations</c> section).</summary>
public sealed class IntegrationsOptions
{
    /// <summary>How long a begun authorization can be completed. Default 10 minutes.</summary>
    public TimeSpan PendingAuthorizationLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After this many consecutive failures an integration's status becomes <see cref="IntegrationStatus.Error"/>. Default 10.</summary>
    public int MaxConsecutiveErrors { get; set; } = 10;

    /// <summary>
    /// How long a process holds the cross-process refresh lease of one integration before another
    /// process may take it (covers a crashed holder). Default 60 seconds.
    /// </summary>
    public TimeSpan RefreshLeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a process waiting for another process's refresh checks the store again. Default 250 ms.</summary>
    public TimeSpan RefreshLeasePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
