namespace Integrations.Storage.EfCore.Internal;

/// <summary>The row of one <see cref="SyncItemError"/> of a run, at its position in <see cref="SyncRun.Errors"/>.</summary>
internal sealed class SyncItemErrorEntity
{
    public Guid RunId { get; set; }

    public int Ordinal { get; set; }

    public int Side { get; set; }

    public string ItemId { get; set; } = "";

    /// <summary>The <see cref="IntegrationErrorCode"/> name.</summary>
    public string Code { get; set; } = "";

    public string Message { get; set; } = "";
}
