namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// The shape of the <c>settings</c> column. Members missing from a stored document take the
/// defaults of <see cref="IntegrationSettings"/>, so adding a setting needs no data migration.
/// </summary>
internal sealed record SettingsDocument
{
    public SyncDirection SyncDirection { get; init; } = IntegrationSettings.Default.SyncDirection;

    public bool AutoSync { get; init; } = IntegrationSettings.Default.AutoSync;

    public TimeSpan SyncInterval { get; init; } = IntegrationSettings.Default.SyncInterval;

    public Dictionary<string, string>? Properties { get; init; }
}
