using System.Text.Json.Serialization;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>Source-generated serialization of the JSON columns (trimming and AOT friendly).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(SettingsDocument))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(SyncDateRange))]
[JsonSerializable(typeof(SyncCheckpoint))]
[JsonSerializable(typeof(IReadOnlyList<SyncPendingCreate>))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
