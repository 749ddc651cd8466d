namespace Integrations.Providers.Strava;

/// <summary>Strava's endpoints and the names this package registers things under.</summary>
public static class StravaDefaults
{
    /// <summary>The provider name <c>AddStrava()</c> registers, stored on every Strava integration.</summary>
    public const string ProviderName = "strava";

    /// <summary>The sync resource of the athlete's activities (see <see cref="StravaActivity"/>).</summary>
    public const string ActivitiesResource = "activities";

    /// <summary>The most activities Strava returns per page (<c>per_page</c>).</summary>
    public const int MaxPageSize = 200;

    /// <summary>Where the athlete consents: <c>https://www.strava.com/oauth/authorize</c>.</summary>
    public static readonly Uri AuthorizationEndpoint = new("https://www.strava.com/oauth/authorize");

    /// <summary>Code exchange and refresh: <c>https://www.strava.com/oauth/token</c>.</summary>
    public static readonly Uri TokenEndpoint = new("https://www.strava.com/oauth/token");

    /// <summary>Revokes every token of the application for one athlete: <c>https://www.strava.com/oauth/deauthorize</c>.</summary>
    public static readonly Uri DeauthorizationEndpoint = new("https://www.strava.com/oauth/deauthorize");

    /// <summary>The base address of the API: <c>https://www.strava.com/api/v3/</c>.</summary>
    public static readonly Uri ApiBaseAddress = new("https://www.strava.com/api/v3/");

    /// <summary>The authenticated athlete's profile, read when a token response carries no <c>athlete</c>.</summary>
    public static readonly Uri AthleteEndpoint = new("https://www.strava.com/api/v3/athlete");

    /// <summary>
    /// The name of the integration HttpClient that calls the Strava API for one registration: rate-limit
    /// budget, resilience, the integration's access token. Configure it further with
    /// <c>services.AddHttpClient(StravaDefaults.ApiClientName("strava"))</c>.
    /// </summary>
    /// <param name="providerName">The provider name (<see cref="ProviderName"/> unless registered under another).</param>
    /// <returns>The HttpClient name.</returns>
    public static string ApiClientName(string providerName) => "Integrations.Strava.Api." + providerName;

    /// <summary>
    /// The name of the HttpClient that manages push subscriptions with the application's credentials
    /// (no athlete token), behind the same rate-limit budget.
    /// </summary>
    /// <param name="providerName">The provider name.</param>
    /// <returns>The HttpClient name.</returns>
    public static string SubscriptionsClientName(string providerName) => "Integrations.Strava.Subscriptions." + providerName;
}
