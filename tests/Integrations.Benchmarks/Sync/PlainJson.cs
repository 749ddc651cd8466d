using System.Text.Json.Serialization;

namespace Integrations.Benchmarks.Sync;

/// <summary>The page shape the plain loop reads (the sandbox's wire format, declared independently).</summary>
internal sealed class PlainPage
{
    [JsonPropertyName("items")]
    public List<PlainItem> Items { get; set; } = [];

    [JsonPropertyName("nextPageToken")]
    public string? NextPageToken { get; set; }

    [JsonPropertyName("nextSyncToken")]
    public string? NextSyncToken { get; set; }
}

internal sealed class PlainItem
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("etag")]
    public string ETag { get; set; } = "";

    [JsonPropertyName("updated")]
    public DateTimeOffset Updated { get; set; }

    [JsonPropertyName("deleted")]
    public bool Deleted { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("notes")]
    public string? Notes { get; set; }

    [JsonPropertyName("start")]
    public DateTimeOffset? Start { get; set; }
}

[JsonSerializable(typeof(PlainPage))]
internal sealed partial class PlainJson : JsonSerializerContext;
