namespace Integrations;

/// <summary>Why a sync run was started.</summary>
public enum SyncRunType
{
    /// <summary>The first sync after an integration was connected.</summary>
    Initial = 0,

    /// <summary>A user or an administrator asked for it.</summary>
    Manual = 1,

    /// <summary>The scheduler started it because the integration was due.</summary>
    Scheduled = 2,

    /// <summary>A provider notification (webhook) said that data changed.</summary>
    Webhook = 3,
}
