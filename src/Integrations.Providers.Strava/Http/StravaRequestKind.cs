namespace Integrations.Providers.Strava.Internal;

/// <summary>Which of Strava's limits a request counts against.</summary>
internal enum StravaRequestKind
{
    /// <summary>Every endpoint but uploads: counts against the read ("non-upload") limit and the overall limit.</summary>
    Read = 0,

    /// <summary><c>POST /activities</c> and <c>POST /uploads</c>: counts against the overall limit only.</summary>
    Upload = 1,
}
