using System.Text.Json.Serialization;

namespace Integrations.Providers.Strava.Internal;

/// <summary>The body of <c>PUT /activities/{id}</c> (Strava's <c>UpdatableActivity</c>); absent members are left unchanged.</summary>
internal sealed record StravaActivityUpdateBody(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("sport_type")] string? SportType,
    [property: JsonPropertyName("description")] string? Description);
