using System.Collections.Immutable;
using System.Text.Json;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>Reads and writes the JSON columns.</summary>
internal static class StorageJson
{
    public static string WriteDictionary(IReadOnlyDictionary<string, string> values) =>
        values.Count == 0 ? "{}" : JsonSerializer.Serialize(values.ToDictionary(StringComparer.Ordinal), StorageJsonContext.Default.DictionaryStringString);

    public static ImmutableDictionary<string, string> ReadDictionary(string json, IEqualityComparer<string>? comparer = null)
    {
        var empty = ImmutableDictionary<string, string>.Empty.WithComparers(comparer);
        return json is "{}" or ""
            ? empty
            : empty.AddRange(JsonSerializer.Deserialize(json, StorageJsonContext.Default.DictionaryStringString) ?? []);
    }

    public static string WriteSettings(IntegrationSettings settings) => JsonSerializer.Serialize(
        new SettingsDocument
        {
            SyncDirection = settings.SyncDirection,
            AutoSync = settings.AutoSync,
            SyncInterval = settings.SyncInterval,
            Properties = settings.Properties.ToDictionary(StringComparer.Ordinal),
        },
        StorageJsonContext.Default.SettingsDocument);

    public static IntegrationSettings ReadSettings(string json)
    {
        var document = JsonSerializer.Deserialize(json, StorageJsonContext.Default.SettingsDocument) ?? new SettingsDocument();
        return new IntegrationSettings
        {
            SyncDirection = document.SyncDirection,
            AutoSync = document.AutoSync,
            SyncInterval = document.SyncInterval,
            Properties = document.Properties is { Count: > 0 } properties
                ? ImmutableDictionary.CreateRange(StringComparer.Ordinal, properties)
                : IntegrationSettings.Default.Properties,
        };
    }

    public static string? WriteElement(JsonElement? element) => element?.GetRawText();

    public static JsonElement? ReadElement(string? json) => json is null ? null : JsonElement.Parse(json);

    public static string? WriteDateRange(SyncDateRange? range) =>
        range is null ? null : JsonSerializer.Serialize(range, StorageJsonContext.Default.SyncDateRange);

    public static SyncDateRange? ReadDateRange(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, StorageJsonContext.Default.SyncDateRange);
}
