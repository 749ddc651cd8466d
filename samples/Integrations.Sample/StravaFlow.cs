using System.Collections.Immutable;
using System.Net;
using Integrations.Providers.Strava;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Sample;

/// <summary>
/// The tour against Strava with your own Strava API application (package
/// Integrations.Providers.Strava): the athlete authorizes it in the browser and Strava redirects to
/// a listener on localhost; then the athlete, the latest activities, a refresh (Strava rotates
/// refresh tokens), an activities sync into the app, the application's rate-limit budget, and the
/// deauthorization. SampleHost.cs shows the registration.
/// </summary>
internal sealed class StravaFlow(SampleHost host, SampleConsole console, SampleOptions options, IBrowser browser)
{
    private const int RecentCount = 5;

    private readonly StravaClient _strava = host.Services.GetRequiredService<StravaClient>();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var integration = await ConnectAsync(cancellationToken);

        console.Step("Show the athlete");
        console.Say("Strava sends the athlete with the code exchange's token response, so no profile request was needed; the account id is the 64-bit athlete id. "
            + "Strava never shares the e-mail address.");
        Show.Profile(console, integration);
        StravaReport.Whereabouts(console, integration.Account);

        await ListRecentAsync(integration, cancellationToken);
        await RefreshAsync(integration, cancellationToken);
        await SyncAsync(integration, cancellationToken);
        ShowBudget();
        await DisconnectAsync(integration, cancellationToken);
    }

    private async Task<Integration> ConnectAsync(CancellationToken cancellationToken)
    {
        console.Step("Connect your Strava account");

        // localhost, not 127.0.0.1: Strava accepts a redirect URI only on the application's
        // Authorization Callback Domain, which is localhost for development (any port and path).
        using var listener = new LoopbackCallbackListener(options.Port, "localhost");
        ImmutableArray<string> requested = options.Scopes.Count > 0 ? [.. options.Scopes] : [.. StravaOptions.StandardScopes];
        var start = await host.Manager.BeginConnectAsync(
            new BeginConnectRequest { Owner = SampleHost.User, Provider = StravaDefaults.ProviderName, RedirectUri = listener.RedirectUri, Scopes = requested },
            cancellationToken);

        console.Say($"BeginConnectAsync stored a pending authorization (random state, bound to this user) for the scopes {StravaReport.Scopes(requested)}, "
            + "sent comma-separated with approval_prompt=auto as Strava wants. No PKCE: Strava documents none, and the client secret binds the code exchange to your application. "
            + "Strava's page lets you untick scopes.");
        var callback = await BrowserSignIn.WaitForCallbackAsync(
            console, browser, listener, start.AuthorizationUrl, "Authorize the application with this URL", "Strava", cancellationToken);

        console.Say("CompleteConnectAsync consumes the state (once), exchanges the code for tokens (the expiry read from expires_at, in epoch seconds), "
            + "takes the athlete of the token response as the account, stores the scopes the redirect says were granted, and saves the integration with its tokens encrypted.");
        var result = await host.Manager.CompleteConnectAsync(SampleHost.User, ConnectCallback.FromUri(callback), cancellationToken);
        Show.Connected(console, result, host.StoreName);

        var integration = result.Integration;
        console.Detail("requested scopes", StravaReport.Scopes(requested));
        console.Detail("granted scopes", StravaReport.Scopes(integration.GrantedScopes));
        var unticked = requested.Except(integration.GrantedScopes, StringComparer.Ordinal).ToList();
        if (unticked.Count > 0)
        {
            console.Warn($"The athlete unticked {StravaReport.Scopes(unticked)}. Integration.GrantedScopes holds what was granted: check it before relying on a scope.");
        }
        else
        {
            console.Ok("The athlete granted every requested scope.");
        }

        return integration;
    }

    private async Task ListRecentAsync(Integration integration, CancellationToken cancellationToken)
    {
        console.Step($"List your {RecentCount} most recent activities");
        if (!CanReadActivities(integration))
        {
            return;
        }

        console.Say($"StravaClient.GetActivitiesAsync: GET /athlete/activities?per_page={RecentCount}&page=1 (newest first) through the integration's HttpClient, "
            + "which waits for the application's rate-limit budget, retries transient failures and adds the athlete's access token.");
        var recent = await _strava.GetActivitiesAsync(integration.Key, new StravaActivityQuery { PerPage = RecentCount }, cancellationToken);
        if (recent.Count == 0)
        {
            console.Say("No activities yet: record one, or add one by hand on strava.com, to see it here.");
            return;
        }

        StravaReport.Activities(console, recent);
        if (!integration.GrantedScopes.Contains(StravaScopes.ActivityReadAll))
        {
            console.Say("Without activity:read_all Strava leaves out your \"Only You\" activities, without saying so.");
        }
    }

    private async Task RefreshAsync(Integration integration, CancellationToken cancellationToken)
    {
        console.Step("Refresh the access token");
        var before = await host.Tokens.GetAccessTokenAsync(integration.Key, cancellationToken);
        var refreshBefore = await StoredRefreshTokenAsync(integration, cancellationToken);
        console.Say("Strava's access tokens live 6 hours. The sample forces a refresh with RefreshAccessTokenAsync (what the integration HttpClient does when the API "
            + "answers 401); GetAccessTokenAsync refreshes by itself shortly before expiry, once for any number of concurrent callers.");
        var after = await host.Tokens.RefreshAccessTokenAsync(integration.Key, before, cancellationToken);
        var refreshAfter = await StoredRefreshTokenAsync(integration, cancellationToken);

        console.Detail("old access token", $"{Fingerprint.Of(before.Value)}, expires {Show.Time(before.ExpiresAt)}");
        console.Detail("new access token", $"{Fingerprint.Of(after.Value)}, expires {Show.Time(after.ExpiresAt)}");
        console.Detail("old refresh token", Fingerprint.Of(refreshBefore));
        console.Detail("new refresh token", Fingerprint.Of(refreshAfter));
        console.Ok(after.Value == before.Value
            ? "Strava returned the same access token: it had more than an hour left (Strava issues a new one only in a token's last hour). Normal, not an error."
            : "Strava issued a new access token (the old one keeps working until it expires).");
        console.Ok(refreshAfter != refreshBefore
            ? "Strava rotated the refresh token, and the old one stopped working at that moment: the SDK saved the new one (encrypted) before it handed out the access token."
            : "Strava kept the refresh token this time (it rotates when it chooses); the SDK stores whichever one comes back.");
    }

    private async Task SyncAsync(Integration integration, CancellationToken cancellationToken)
    {
        console.Step("Sync your activities into the app");
        if (!CanReadActivities(integration))
        {
            return;
        }

        console.Say("AddStrava registered the 'activities' source; this host added HostActivityHandler.cs with AddSyncResource, which writes to the app's own list "
            + "(HostActivities.cs, in memory here). Without a local change feed the resource is only pulled: nothing is written to Strava.");
        console.Say($"The source reads GET /athlete/activities?per_page={StravaDefaults.MaxPageSize} page after page until a page comes back empty (Strava returns short pages "
            + "before the end). The cursor is the newest start_date; the next run reads from there minus a 7-day overlap, because late uploads carry their old dates.");
        var engine = host.Services.GetRequiredService<ISyncEngine>();
        var runs = await console.WithProgressAsync(live => engine.RunAsync(
            integration.Key,
            new SyncRequest
            {
                Direction = SyncDirection.Pull,
                Type = SyncRunType.Initial,
                Resources = [StravaDefaults.ActivitiesResource],
                TriggeredBy = SampleHost.User.UserId,
            },
            new SyncProgressDisplay(console, live, pushes: false),
            cancellationToken));
        var run = runs.Single();
        SyncReport.Run(console, run);

        var activities = host.Services.GetRequiredService<HostActivities>().All;
        if (activities.Count != run.Local.Created)
        {
            throw new SampleException($"The app holds {activities.Count} activities after a first sync that created {run.Local.Created}.");
        }

        console.Ok($"The app holds all {StravaReport.Totals(activities)}. A webhook (see the package README) or the next run keeps them current.");
    }

    private void ShowBudget()
    {
        console.Step("Your application's rate-limit budget");
        console.Say("Strava's limits belong to the application: every athlete who authorized it shares them. They count per 15 minutes (windows start at :00, :15, :30, :45) "
            + "and per day (from midnight UTC), overall and for reads. The X-RateLimit-* and X-ReadRateLimit-* headers of every response fed one StravaRateLimitBudget "
            + "for the whole process; a request that would exceed a known limit waits for its window instead of being refused.");
        StravaReport.Budget(console, host.Services.GetRequiredService<StravaRateLimitBudget>().GetSnapshot());
    }

    private async Task DisconnectAsync(Integration integration, CancellationToken cancellationToken)
    {
        console.Step("Disconnect (deauthorize)");
        var lastToken = await host.Tokens.GetAccessTokenAsync(integration.Key, cancellationToken);
        console.Say("DisconnectAsync calls POST /oauth/deauthorize with the access token: Strava ends every token of your application for this athlete and "
            + "removes the application from the athlete's settings. Then the integration is deleted.");
        await host.Manager.DisconnectAsync(integration.Key, cancellationToken);

        var remaining = await host.Manager.ListAsync(SampleHost.User, cancellationToken: cancellationToken);
        console.Ok($"Deleted from {host.StoreName}: the user has {remaining.Count} integrations left.");

        // Proof from Strava's side: the last access token no longer works.
        var status = await host.ProbeAsync(StravaDefaults.AthleteEndpoint, lastToken, cancellationToken);
        if (status == HttpStatusCode.Unauthorized)
        {
            console.Ok("Deauthorized at Strava: it answers 401 to the last access token now.");
        }
        else
        {
            console.Warn($"Strava still answers {(int)status} to the last access token.");
        }
    }

    /// <summary>Whether the athlete granted a scope that lists activities; says so when not.</summary>
    private bool CanReadActivities(Integration integration)
    {
        if (integration.GrantedScopes.Contains(StravaScopes.ActivityRead) || integration.GrantedScopes.Contains(StravaScopes.ActivityReadAll))
        {
            return true;
        }

        console.Warn("Skipped: the athlete did not grant activity:read. Strava would answer 401 with a missing permission, which StravaClient reports as "
            + "PermissionDenied (without a pointless token refresh). Run again and keep activity:read ticked.");
        return false;
    }

    /// <summary>The refresh token as stored, only to show its rotation: a host never decrypts stored tokens itself.</summary>
    private async Task<string> StoredRefreshTokenAsync(Integration integration, CancellationToken cancellationToken)
    {
        var stored = await host.Store.GetAsync(integration.Owner, integration.Id, cancellationToken);
        var tokens = host.Services.GetRequiredService<ITokenProtector>().Unprotect(integration.Owner, stored?.Tokens ?? throw new SampleException("The integration has no stored tokens."));
        return tokens.RefreshToken ?? throw new SampleException("Strava issued no refresh token.");
    }
}
