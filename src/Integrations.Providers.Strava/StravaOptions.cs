namespace Integrations.Providers.Strava;

/// <summary>
/// The settings of a Strava registration, bound per provider name (for example from
/// <c>Integrations:Providers:strava</c>) and validated at start-up. Only <see cref="OAuthProviderOptions.ClientId"/>
/// and <see cref="OAuthProviderOptions.ClientSecret"/> are required; the endpoints, the comma scope
/// separator, client authentication in the form body and the profile mapping are preset.
/// </summary>
public sealed class StravaOptions : OAuthProviderOptions
{
    /// <summary>Creates the options with Strava's endpoints and conventions.</summary>
    public StravaOptions()
    {
        AuthorizationEndpoint = StravaDefaults.AuthorizationEndpoint;
        TokenEndpoint = StravaDefaults.TokenEndpoint;
        RevocationEndpoint = StravaDefaults.DeauthorizationEndpoint;
        UserInfoEndpoint = StravaDefaults.AthleteEndpoint;
        ClientAuthentication = ClientAuthenticationMethod.Post;
        ScopeSeparator = ",";
        ProfileMapping = new ProfileMapping { Id = "id", Username = "username", Email = null, Name = null, AvatarUrl = "profile" };
    }

    /// <summary>
    /// The scopes requested when a connect request names none, used when <see cref="OAuthProviderOptions.DefaultScopes"/>
    /// is left empty: <c>read</c> and <c>activity:read_all</c>.
    /// </summary>
    public static IReadOnlyList<string> StandardScopes { get; } = [StravaScopes.Read, StravaScopes.ActivityReadAll];

    /// <summary>Whether the consent page is shown again to athletes who already authorized the application. Default <see cref="StravaApprovalPrompt.Auto"/>.</summary>
    public StravaApprovalPrompt ApprovalPrompt { get; set; } = StravaApprovalPrompt.Auto;

    /// <summary>
    /// Whether to send a PKCE challenge and verifier. Default <see langword="false"/>: Strava does not
    /// document PKCE, and its code exchange is already bound to the application by the client
    /// secret. Turn it on only after checking that Strava accepts it for your application.
    /// </summary>
    public bool UsePkce { get; set; }

    /// <summary>The base address of the Strava API. Default <c>https://www.strava.com/api/v3/</c>.</summary>
    public Uri ApiBaseAddress { get; set; } = StravaDefaults.ApiBaseAddress;

    /// <summary>
    /// How far before the newest start time seen an incremental activities sync reads again
    /// (<c>after</c> = newest <c>start_date</c> minus this window). Late uploads carry their old start
    /// time: a watch synced days after the ride would otherwise be missed until a full resync.
    /// Default 7 days; webhook <c>create</c> events fetch later uploads directly.
    /// </summary>
    public TimeSpan ActivitiesOverlap { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The application-wide rate-limit budget.</summary>
    public StravaRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Push subscriptions (webhooks).</summary>
    public StravaWebhookOptions Webhooks { get; set; } = new();
}
