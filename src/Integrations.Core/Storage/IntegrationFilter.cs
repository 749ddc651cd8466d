namespace Integrations;

/// <summary>Narrows a listing of one owner's integrations.</summary>
public sealed record IntegrationFilter
{
    /// <summary>Only integrations of this provider.</summary>
    public string? Provider { get; init; }

    /// <summary>Only integrations in this status.</summary>
    public IntegrationStatus? Status { get; init; }
}
