using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Integrations.Providers.Strava;

/// <summary>
/// One event Strava posted to the push subscription's callback. Events carry no activity data:
/// they name what changed, and the activity is read with the athlete's token.
/// </summary>
public sealed record StravaWebhookEvent
{
    /// <summary>The largest event body accepted (Strava's are a few hundred bytes).</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>What changed: <c>activity</c> or <c>athlete</c> (<c>object_type</c>).</summary>
    public required string ObjectType { get; init; }

    /// <summary>The activity id, or the athlete id for athlete events (<c>object_id</c>).</summary>
    public required long ObjectId { get; init; }

    /// <summary><c>create</c>, <c>update</c> or <c>delete</c> (<c>aspect_type</c>).</summary>
    public required string AspectType { get; init; }

    /// <summary>
    /// For updates, what changed (<c>title</c>, <c>type</c>, <c>private</c>; <c>authorized</c> for a
    /// deauthorization). Strava sends the values as strings (<c>"false"</c>); booleans and numbers are
    /// read as their text too.
    /// </summary>
    public IReadOnlyDictionary<string, string> Updates { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The athlete the event is about (<c>owner_id</c>).</summary>
    public required long OwnerId { get; init; }

    /// <summary>The push subscription that received the event (<c>subscription_id</c>); must be the application's.</summary>
    public required long SubscriptionId { get; init; }

    /// <summary>When the change happened (<c>event_time</c>, sent in epoch seconds).</summary>
    public DateTimeOffset? EventTime { get; init; }

    /// <summary>Whether the athlete withdrew the application's access (<c>athlete</c> update with <c>authorized</c> = <c>false</c>).</summary>
    public bool IsDeauthorization =>
        string.Equals(ObjectType, "athlete", StringComparison.OrdinalIgnoreCase)
        && Updates.TryGetValue("authorized", out var authorized)
        && string.Equals(authorized, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the event is about an activity.</summary>
    public bool IsActivity => string.Equals(ObjectType, "activity", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the activity was deleted (or hidden from an application without <c>activity:read_all</c>).</summary>
    public bool IsDelete => string.Equals(AspectType, "delete", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads an event from the body Strava posted.</summary>
    /// <param name="body">The request body (UTF-8 JSON).</param>
    /// <returns>The event.</returns>
    /// <exception cref="IntegrationException"><see cref="IntegrationErrorCode.WebhookFailed"/> when the body is not a Strava event.</exception>
    public static StravaWebhookEvent Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxBodyBytes)
        {
            throw Invalid($"the body is larger than {MaxBodyBytes} bytes");
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("the body is not a JSON object");
            }

            return new StravaWebhookEvent
            {
                ObjectType = Text(root, "object_type") ?? throw Invalid("object_type is missing"),
                ObjectId = Number(root, "object_id") ?? throw Invalid("object_id is missing or not a 64-bit number"),
                AspectType = Text(root, "aspect_type") ?? throw Invalid("aspect_type is missing"),
                OwnerId = Number(root, "owner_id") ?? throw Invalid("owner_id is missing or not a 64-bit number"),
                SubscriptionId = Number(root, "subscription_id") ?? throw Invalid("subscription_id is missing or not a number"),
                EventTime = Number(root, "event_time") is { } seconds && seconds is >= 0 and < 253402300800 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
                Updates = ReadUpdates(root),
            };
        }
        catch (JsonException ex)
        {
            throw Invalid("the body is not JSON", ex);
        }
    }

    private static ImmutableDictionary<string, string> ReadUpdates(JsonElement root)
    {
        if (!root.TryGetProperty("updates", out var updates) || updates.ValueKind != JsonValueKind.Object)
        {
            return ImmutableDictionary<string, string>.Empty;
        }

        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var member in updates.EnumerateObject())
        {
            var value = member.Value.ValueKind switch
            {
                JsonValueKind.String => member.Value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Number => member.Value.GetRawText(),
                _ => null,
            };
            if (value is not null)
            {
                builder[member.Name] = value;
            }
        }

        return builder.ToImmutable();
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static long? Number(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
    }

    private static IntegrationException Invalid(string reason, Exception? inner = null) =>
        new(IntegrationErrorCode.WebhookFailed, $"The Strava webhook event cannot be read: {reason}.", inner);
}
