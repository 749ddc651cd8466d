namespace Integrations.Providers.Strava.Internal;

/// <summary>An activity a webhook named: to read again, or deleted.</summary>
/// <param name="ActivityId">The activity id.</param>
/// <param name="Deleted">Whether the athlete deleted it (or hid it from the application).</param>
internal readonly record struct StravaActivityChange(long ActivityId, bool Deleted);
