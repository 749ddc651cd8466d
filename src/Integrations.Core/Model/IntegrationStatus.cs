namespace Integrations;

/// <summary>The state of an integration's connection to its provider.</summary>
public enum IntegrationStatus
{
    /// <summary>Connected and usable.</summary>
    Active = 0,

    /// <summary>The refresh failed for good (for example <c>invalid_grant</c>): the user must connect again.</summary>
    ReauthorizationRequired = 1,

    /// <summary>The user or the provider withdrew consent.</summary>
    Revoked = 2,

    /// <summary>Too many consecutive failures; the integration needs attention.</summary>
    Error = 3,

    /// <summary>Deactivated by the user or an administrator (soft delete).</summary>
    Disabled = 4,
}
