namespace Integrations;

/// <summary>What happened to an integration.</summary>
public enum IntegrationEventType
{
    /// <summary>A new integration was connected.</summary>
    Connected = 0,

    /// <summary>An existing integration was connected again (new tokens for the same external account).</summary>
    Reconnected,

    /// <summary>The tokens were refreshed.</summary>
    TokenRefreshed,

    /// <summary>The refresh failed for good: the user must connect again.</summary>
    ReauthorizationRequired,

    /// <summary>The user or the provider withdrew consent.</summary>
    Revoked,

    /// <summary>The integration's status changed for another reason (error threshold, deactivation, reactivation).</summary>
    StatusChanged,

    /// <summary>The integration was renamed or its settings or metadata changed.</summary>
    Updated,

    /// <summary>The integration was disconnected and deleted.</summary>
    Disconnected,
}
