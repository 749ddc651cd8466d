namespace Integrations;

/// <summary>What every source, target, handler and change feed call knows about the run it belongs to.</summary>
public sealed record SyncContext
{
    /// <summary>The integration being synced (as read when the run started).</summary>
    public required Integration Integration { get; init; }

    /// <summary>The resource being synced.</summary>
    public required string Resource { get; init; }

    /// <summary>The run id.</summary>
    public required Guid RunId { get; init; }

    /// <summary>Whether this is a dry run (only reads happen).</summary>
    public bool IsDryRun { get; init; }

    /// <summary>The integration's id and owner, for <see cref="IAccessTokenProvider"/> and the provider's HTTP client.</summary>
    public IntegrationKey Key => Integration.Key;

    /// <summary>The integration's provider name.</summary>
    public string Provider => Integration.Provider;
}
