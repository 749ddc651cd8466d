namespace Integrations.Providers.Strava;

/// <summary>
/// Strava's OAuth scopes. The athlete can untick any of them on the consent page; the scopes
/// actually granted are stored on <see cref="Integration.GrantedScopes"/>.
/// </summary>
public static class StravaScopes
{
    /// <summary>Public segments, routes, profile, posts, events, club feeds and leaderboards.</summary>
    public const string Read = "read";

    /// <summary>Private routes, segments and events.</summary>
    public const string ReadAll = "read_all";

    /// <summary>The full profile, even when the athlete restricted its visibility.</summary>
    public const string ProfileReadAll = "profile:read_all";

    /// <summary>Update weight and FTP; star or unstar segments.</summary>
    public const string ProfileWrite = "profile:write";

    /// <summary>Activities visible to Everyone and Followers, without privacy zones. Required for activity webhooks.</summary>
    public const string ActivityRead = "activity:read";

    /// <summary>Everything in <see cref="ActivityRead"/> plus privacy zones and "Only You" activities.</summary>
    public const string ActivityReadAll = "activity:read_all";

    /// <summary>Create manual activities and uploads; edit the activities the application can see.</summary>
    public const string ActivityWrite = "activity:write";
}
