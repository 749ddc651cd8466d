namespace Integrations.Storage.EfCore.Internal;

/// <summary>The row of one lease. Changed only by conditional single statements of <see cref="EfCoreLeaseStore{TContext}"/>.</summary>
internal sealed class LeaseEntity
{
    public string Key { get; set; } = "";

    public string Holder { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}
