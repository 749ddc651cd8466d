using System.Text.Json.Serialization;

namespace Integrations.Providers.Strava;

/// <summary>An activity's map (Strava <c>PolylineMap</c>): routes as Google encoded polylines.</summary>
public sealed record StravaPolylineMap
{
    /// <summary>The map's id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>A low-resolution route (<c>summary_polyline</c>), in activity lists; empty for activities without GPS.</summary>
    [JsonPropertyName("summary_polyline")]
    public string? SummaryPolyline { get; init; }

    /// <summary>The full-resolution route, only when one activity is read (<c>GET /activities/{id}</c>).</summary>
    [JsonPropertyName("polyline")]
    public string? Polyline { get; init; }
}
