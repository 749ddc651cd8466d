namespace Integrations;

/// <summary>Which side's version of a conflicting item is kept.</summary>
public enum SyncConflictWinner
{
    /// <summary>Keep the provider's version: it is applied locally.</summary>
    Remote = 0,

    /// <summary>Keep the local version: it is written to the provider.</summary>
    Local = 1,
}
