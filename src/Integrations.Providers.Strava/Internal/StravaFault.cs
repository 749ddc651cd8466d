using System.Text.Json;

namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// Strava's error body: <c>{"message": "...", "errors": [{"resource": "...", "field": "...", "code": "..."}]}</c>.
/// Strava does not use OAuth error codes; errors are told apart by status and these triples.
/// </summary>
internal sealed class StravaFault
{
    private StravaFault(string? message, IReadOnlyList<StravaFaultError> errors)
    {
        Message = message;
        Errors = errors;
    }

    public string? Message { get; }

    public IReadOnlyList<StravaFaultError> Errors { get; }

    /// <summary>The first error as <c>resource/field/code</c>, for <see cref="IntegrationException.ProviderError"/>.</summary>
    public string? ProviderError => Errors.Count == 0
        ? StravaText.Code(Message)
        : StravaText.Code($"{Errors[0].Resource}/{Errors[0].Field}/{Errors[0].Code}");

    /// <summary>Reads a fault from a parsed body; <see langword="null"/> when the body is not one (HTML, other JSON).</summary>
    public static StravaFault? TryRead(JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } json)
        {
            return null;
        }

        var message = json.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (!json.TryGetProperty("errors", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return message is null ? null : new StravaFault(message, []);
        }

        List<StravaFaultError> errors = [];
        foreach (var error in list.EnumerateArray())
        {
            if (error.ValueKind == JsonValueKind.Object)
            {
                errors.Add(new StravaFaultError(Text(error, "resource"), Text(error, "field"), Text(error, "code")));
            }
        }

        return new StravaFault(message, errors);
    }

    /// <summary>Reads a fault from a raw body; <see langword="null"/> when it is not one.</summary>
    public static StravaFault? TryRead(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            return TryRead(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Whether an error matches; a <see langword="null"/> argument matches anything.</summary>
    public bool Has(string? resource = null, string? field = null, string? code = null) =>
        Errors.Any(e => Matches(e.Resource, resource) && Matches(e.Field, field) && Matches(e.Code, code));

    /// <summary>The scope a <c>AccessToken/…_permission/missing</c> error names (<c>activity:read_permission</c> → <c>activity:read</c>).</summary>
    public string? MissingScope()
    {
        foreach (var error in Errors)
        {
            if (string.Equals(error.Code, "missing", StringComparison.OrdinalIgnoreCase)
                && error.Field is { } field && field.EndsWith("_permission", StringComparison.OrdinalIgnoreCase))
            {
                return StravaText.Code(field[..^"_permission".Length]);
            }
        }

        return null;
    }

    /// <summary>Whether this is the 401 of a token that lacks a scope (no refresh can fix it).</summary>
    public bool IsMissingPermission => MissingScope() is not null;

    /// <summary>A short description for messages: the message and the first error.</summary>
    public string Describe() =>
        (StravaText.Clean(Message) ?? "no message")
        + (Errors.Count == 0 ? "" : $": {StravaText.Code(Errors[0].Resource)} {StravaText.Code(Errors[0].Field)} {StravaText.Code(Errors[0].Code)}");

    private static bool Matches(string? value, string? expected) =>
        expected is null || string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
