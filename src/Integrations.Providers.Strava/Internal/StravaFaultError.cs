namespace Integrations.Providers.Strava.Internal;

/// <summary>One entry of a <see cref="StravaFault"/>'s <c>errors</c>.</summary>
/// <param name="Resource">What the error is about (<c>RefreshToken</c>, <c>AccessToken</c>, <c>Athlete</c>, <c>Application</c>, ...).</param>
/// <param name="Field">The field (<c>refresh_token</c>, <c>activity:read_permission</c>, ...).</param>
/// <param name="Code">What is wrong (<c>invalid</c>, <c>missing</c>, <c>exceeded</c>, ...).</param>
internal sealed record StravaFaultError(string? Resource, string? Field, string? Code);
