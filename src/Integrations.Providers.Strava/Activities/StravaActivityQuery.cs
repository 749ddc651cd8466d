namespace Integrations.Providers.Strava;

/// <summary>One page of the athlete's activities (<c>GET /athlete/activities</c>).</summary>
public sealed record StravaActivityQuery
{
    /// <summary>The page, from 1. Pages may hold fewer activities than <see cref="PerPage"/> before the end: read until a page is empty.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Activities per page, 1 to 200. Default 200.</summary>
    public int PerPage { get; init; } = StravaDefaults.MaxPageSize;

    /// <summary>Only activities that started after this time.</summary>
    public DateTimeOffset? After { get; init; }

    /// <summary>Only activities that started before this time.</summary>
    public DateTimeOffset? Before { get; init; }
}
