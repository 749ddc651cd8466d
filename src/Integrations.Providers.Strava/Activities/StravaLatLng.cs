namespace Integrations.Providers.Strava;

/// <summary>A point as Strava sends it (<c>[lat, lng]</c>), in degrees.</summary>
/// <param name="Latitude">The latitude in degrees.</param>
/// <param name="Longitude">The longitude in degrees.</param>
public readonly record struct StravaLatLng(double Latitude, double Longitude);
