namespace Integrations;

/// <summary>Filters and pages an integration's sync history (newest first).</summary>
public sealed record SyncHistoryQuery
{
    /// <summary>Only runs of this resource.</summary>
    public string? Resource { get; init; }

    /// <summary>Only runs in one of these statuses; empty for all.</summary>
    public IReadOnlyCollection<SyncRunStatus> Statuses { get; init; } = [];

    /// <summary>Only runs started at or after this time.</summary>
    public DateTimeOffset? StartedFrom { get; init; }

    /// <summary>Only runs started before this time.</summary>
    public DateTimeOffset? StartedBefore { get; init; }

    /// <summary>How many matching runs to skip (paging). Default 0.</summary>
    public int Skip { get; init; }

    /// <summary>How many runs to return at most (1 to 500). Default 50.</summary>
    public int Take { get; init; } = 50;
}
