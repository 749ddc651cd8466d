using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Integrations.Providers.Strava.Internal;

namespace Integrations.Providers.Strava;

/// <summary>
/// Calls the Strava API on behalf of an integration, through the registration's HttpClient: the
/// application-wide rate-limit budget, retries, and the integration's access token (refreshed, and
/// the rotated refresh token stored, as needed). Errors are <see cref="IntegrationException"/>s read
/// from Strava's Fault bodies. One instance per Strava registration; resolve it from dependency
/// injection (the keyed service named like the provider, or unkeyed for <c>AddStrava()</c>).
/// </summary>
public sealed class StravaClient
{
    private readonly IIntegrationHttpClientFactory _clients;
    private readonly TimeProvider _time;
    private readonly string _clientName;

    internal StravaClient(string providerName, IIntegrationHttpClientFactory clients, TimeProvider time)
    {
        ProviderName = providerName;
        _clients = clients;
        _time = time;
        _clientName = StravaDefaults.ApiClientName(providerName);
    }

    /// <summary>The provider name of the registration this client belongs to.</summary>
    public string ProviderName { get; }

    /// <summary>Reads one page of the athlete's activities (<c>GET /athlete/activities</c>, scope <c>activity:read</c>; "Only You" activities need <c>activity:read_all</c>).</summary>
    /// <param name="integration">The integration whose athlete's activities are read.</param>
    /// <param name="query">The page, page size and time window.</param>
    /// <param name="cancellationToken">Cancels the request, including a wait for the rate limit.</param>
    /// <returns>The activities of the page; empty after the last page (a short page does not mean the end).</returns>
    /// <exception cref="IntegrationException">
    /// <see cref="IntegrationErrorCode.PermissionDenied"/> when the athlete did not grant <c>activity:read</c>;
    /// <see cref="IntegrationErrorCode.ReauthorizationRequired"/> when the grant is gone;
    /// <see cref="IntegrationErrorCode.RateLimitExceeded"/> when the wait for the rate limit would exceed
    /// <see cref="StravaRateLimitOptions.MaxWait"/>; <see cref="IntegrationErrorCode.InvalidResponse"/> for an unreadable body.
    /// </exception>
    public async Task<IReadOnlyList<StravaActivity>> GetActivitiesAsync(IntegrationKey integration, StravaActivityQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PerPage, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PerPage, StravaDefaults.MaxPageSize);
        var uri = new StringBuilder("athlete/activities?per_page=").Append(query.PerPage.ToString(CultureInfo.InvariantCulture))
            .Append("&page=").Append(query.Page.ToString(CultureInfo.InvariantCulture));
        if (query.After is { } after)
        {
            uri.Append("&after=").Append(after.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        if (query.Before is { } before)
        {
            uri.Append("&before=").Append(before.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        using var client = _clients.CreateClient(integration, _clientName);
        using var response = await client.GetAsync(uri.ToString(), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await StravaApiResponses.ReadJsonAsync(response, StravaJsonContext.Default.ListStravaActivity, ProviderName, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one activity with its details (<c>GET /activities/{id}</c>).</summary>
    /// <param name="integration">The integration.</param>
    /// <param name="activityId">The activity id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The activity, or <see langword="null"/> when Strava does not show it (deleted, or private without <c>activity:read_all</c>).</returns>
    /// <exception cref="IntegrationException">As for <see cref="GetActivitiesAsync"/>.</exception>
    public async Task<StravaActivity?> GetActivityAsync(IntegrationKey integration, long activityId, CancellationToken cancellationToken = default)
    {
        using var client = _clients.CreateClient(integration, _clientName);
        using var response = await client.GetAsync(ActivityPath(activityId), HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await StravaApiResponses.ReadJsonAsync(response, StravaJsonContext.Default.StravaActivity, ProviderName, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a manual activity (<c>POST /activities</c>, scope <c>activity:write</c>). Strava has no
    /// idempotency key: a create that fails after Strava received it may have created the activity.
    /// </summary>
    /// <param name="integration">The integration.</param>
    /// <param name="activity">The activity.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The created activity.</returns>
    /// <exception cref="IntegrationException">
    /// <see cref="IntegrationErrorCode.PermissionDenied"/> without <c>activity:write</c>;
    /// <see cref="IntegrationErrorCode.InvalidRequest"/> when Strava rejects a field.
    /// </exception>
    public async Task<StravaActivity> CreateActivityAsync(IntegrationKey integration, StravaNewActivity activity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentException.ThrowIfNullOrWhiteSpace(activity.Name);
        ArgumentException.ThrowIfNullOrWhiteSpace(activity.SportType);
        ArgumentOutOfRangeException.ThrowIfLessThan(activity.ElapsedTime, TimeSpan.FromSeconds(1));
        var form = new List<KeyValuePair<string, string>>
        {
            new("name", activity.Name),
            new("sport_type", activity.SportType),
            new("start_date_local", WallClockConverter.Format(activity.StartDateLocal)),
            new("elapsed_time", ((long)activity.ElapsedTime.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
            new("trainer", activity.Trainer ? "1" : "0"),
            new("commute", activity.Commute ? "1" : "0"),
        };
        if (activity.Description is { } description)
        {
            form.Add(new("description", description));
        }

        if (activity.Distance is { } distance)
        {
            form.Add(new("distance", distance.ToString("R", CultureInfo.InvariantCulture)));
        }

        using var client = _clients.CreateClient(integration, _clientName);
        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync("activities", content, cancellationToken).ConfigureAwait(false);
        return await StravaApiResponses.ReadJsonAsync(response, StravaJsonContext.Default.StravaActivity, ProviderName, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes an activity's name, sport or description (<c>PUT /activities/{id}</c>, scope <c>activity:write</c>).</summary>
    /// <param name="integration">The integration.</param>
    /// <param name="activityId">The activity id.</param>
    /// <param name="update">What to change; <see langword="null"/> properties stay as they are.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The updated activity.</returns>
    /// <exception cref="IntegrationException">
    /// <see cref="IntegrationErrorCode.PermissionDenied"/> without <c>activity:write</c> or for another athlete's activity;
    /// <see cref="IntegrationErrorCode.InvalidRequest"/> when the activity does not exist (404) or a field is rejected.
    /// </exception>
    public async Task<StravaActivity> UpdateActivityAsync(IntegrationKey integration, long activityId, StravaActivityUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        using var client = _clients.CreateClient(integration, _clientName);
        using var content = JsonContent.Create(new StravaActivityUpdateBody(update.Name, update.SportType, update.Description), StravaJsonContext.Default.StravaActivityUpdateBody);
        using var response = await client.PutAsync(ActivityPath(activityId), content, cancellationToken).ConfigureAwait(false);
        return await StravaApiResponses.ReadJsonAsync(response, StravaJsonContext.Default.StravaActivity, ProviderName, _time, cancellationToken).ConfigureAwait(false);
    }

    private static string ActivityPath(long activityId) => "activities/" + activityId.ToString(CultureInfo.InvariantCulture);
}
