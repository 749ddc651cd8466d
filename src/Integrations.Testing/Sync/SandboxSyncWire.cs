using System.Text.Json.Serialization;

namespace Integrations.Testing.Internal;

/// <summary>An item on the wire (a tombstone carries only id, etag, updated and deleted).</summary>
internal sealed class SandboxWireItem
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("etag")]
    public string ETag { get; set; } = "";

    [JsonPropertyName("updated")]
    public DateTimeOffset Updated { get; set; }

    [JsonPropertyName("deleted")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Deleted { get; set; }

    [JsonPropertyName("title")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; set; }

    [JsonPropertyName("notes")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Notes { get; set; }

    [JsonPropertyName("start")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? Start { get; set; }
}

/// <summary>One page of the listing, shaped like Google Calendar's <c>events.list</c> response.</summary>
internal sealed class SandboxWirePage
{
    [JsonPropertyName("items")]
    public List<SandboxWireItem> Items { get; set; } = [];

    [JsonPropertyName("nextPageToken")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NextPageToken { get; set; }

    [JsonPropertyName("nextSyncToken")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NextSyncToken { get; set; }

    [JsonPropertyName("totalItems")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? TotalItems { get; set; }
}

/// <summary>The body of a create or update.</summary>
internal sealed class SandboxWireWrite
{
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("notes")]
    public string? Notes { get; set; }

    [JsonPropertyName("start")]
    public DateTimeOffset? Start { get; set; }
}

/// <summary>
/// The error envelope, shaped like Google's: <c>{"error":{"errors":[{"domain","reason","message"}],"code","message"}}</c>
/// (so the shared provider error reader finds the reason), with the reason also beside the code.
/// </summary>
internal sealed class SandboxWireError
{
    [JsonPropertyName("error")]
    public SandboxWireErrorBody Error { get; set; } = new();
}

internal sealed class SandboxWireErrorBody
{
    [JsonPropertyName("errors")]
    public List<SandboxWireErrorDetail> Errors { get; set; } = [];

    [JsonPropertyName("code")]
    public int Code { get; set; }

    [JsonPropertyName("reason")]
    public string Reason { get; set; } = "";

    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}

internal sealed class SandboxWireErrorDetail
{
    [JsonPropertyName("domain")]
    public string Domain { get; set; } = "global";

    [JsonPropertyName("reason")]
    public string Reason { get; set; } = "";

    [JsonPropertyName("message")]
    public string Message { get; set; } = "";
}

[JsonSerializable(typeof(SandboxWirePage))]
[JsonSerializable(typeof(SandboxWireItem))]
[JsonSerializable(typeof(SandboxWireWrite))]
[JsonSerializable(typeof(SandboxWireError))]
internal sealed partial class SandboxSyncJsonContext : JsonSerializerContext;
