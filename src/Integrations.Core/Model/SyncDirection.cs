namespace Integrations;

/// <summary>Which way data flows between the provider and the host.</summary>
public enum SyncDirection
{
    /// <summary>From the provider to the host.</summary>
    Pull = 0,

    /// <summary>From the host to the provider.</summary>
    Push = 1,

    /// <summary>Both ways.</summary>
    Both = 2,
}
