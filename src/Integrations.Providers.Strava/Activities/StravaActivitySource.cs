using System.Globalization;

namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// The <c>activities</c> resource for the sync engine.
/// <para><b>Pull.</b> Reads <c>GET /athlete/activities?per_page=200&amp;page=N</c> page after page and
/// stops only on an empty page (Strava returns short pages before the end). A full pass reads
/// everything (within the run's date range) and lets the engine reconcile deletions; an incremental
/// pass reads from <c>after</c> = the cursor minus <see cref="StravaOptions.ActivitiesOverlap"/>. The
/// cursor is the newest <c>start_date</c> seen (never later than now, so a device with a wrong clock
/// cannot push it into the future). Each page first delivers the activities webhooks named
/// (<see cref="StravaActivityChanges"/>): read again, or deleted.</para>
/// <para><b>Push</b> (<c>activity:write</c>). Creates manual activities and updates name, sport and
/// description; the remote version is compared first by reading the activity (Strava has no
/// preconditions). Strava's API cannot delete activities: deletions fail the item with
/// <see cref="IntegrationErrorCode.InvalidRequest"/>.</para>
/// </summary>
internal sealed class StravaActivitySource(StravaClient client, StravaActivityChanges changes, StravaOptions options, TimeProvider time)
    : ISyncSource<StravaActivity>, ISyncTarget<StravaActivity>
{
    public async Task<SyncPage<StravaActivity>> FetchPageAsync(SyncContext context, SyncPageRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var position = request.PageToken is null ? FirstPage(request) : ReadToken(request.PageToken);
        var taken = context.IsDryRun ? [] : changes.Take(context.Integration.Id, StravaDefaults.MaxPageSize);
        try
        {
            List<SyncItem<StravaActivity>> items = new(taken.Count + StravaDefaults.MaxPageSize);
            HashSet<long>? deleted = null;
            foreach (var change in taken)
            {
                var activity = change.Deleted ? null : await client.GetActivityAsync(context.Key, change.ActivityId, cancellationToken).ConfigureAwait(false);
                if (activity is null)
                {
                    (deleted ??= []).Add(change.ActivityId);
                    items.Add(SyncItem<StravaActivity>.Deleted(Id(change.ActivityId)));
                }
                else
                {
                    items.Add(Item(activity));
                }
            }

            var page = await client.GetActivitiesAsync(context.Key, new StravaActivityQuery
            {
                Page = position.Page,
                PerPage = Math.Clamp(request.PageSize, 1, StravaDefaults.MaxPageSize),
                After = position.After is { } after ? DateTimeOffset.FromUnixTimeSeconds(after) : null,
                Before = position.Before is { } before ? DateTimeOffset.FromUnixTimeSeconds(before) : null,
            }, cancellationToken).ConfigureAwait(false);

            var newest = position.Newest;
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            foreach (var activity in page)
            {
                if (deleted?.Contains(activity.Id) == true)
                {
                    // Lists lag behind deletions for a moment; the webhook is the newer news.
                    continue;
                }

                items.Add(Item(activity));
                if (activity.StartDate is { } start)
                {
                    newest = Math.Max(newest ?? long.MinValue, Math.Min(start.ToUnixTimeSeconds(), now));
                }
            }

            if (page.Count == 0)
            {
                // A pass that listed nothing still ends with a cursor (the start of what it read), so
                // the next run is incremental: a full pass would reconcile away the activities that
                // webhooks fetched while the list lagged behind.
                var cursor = Later(newest, request.Cursor is { } previous && StravaActivityPageToken.TryParseCursor(previous, out var saved) ? saved : null)
                    ?? position.After ?? 0;
                return SyncPage<StravaActivity>.Last(items, cursor.ToString(CultureInfo.InvariantCulture));
            }

            return SyncPage<StravaActivity>.More(items, (position with { Page = position.Page + 1, Newest = newest }).ToString());
        }
        catch
        {
            changes.Restore(context.Integration.Id, taken);
            throw;
        }
    }

    public async Task<SyncRemoteResult> CreateAsync(SyncContext context, SyncRemoteCreate<StravaActivity> create, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(create);
        var data = create.Data;
        var created = await client.CreateActivityAsync(context.Key, new StravaNewActivity
        {
            Name = Require(data.Name, "a name", context),
            SportType = Require(data.SportType ?? data.Type, "a sport type", context),
            StartDateLocal = data.StartDateLocal
                ?? (data.StartDate is { } start ? (start + (data.UtcOffset ?? TimeSpan.Zero)).UtcDateTime : throw Invalid(context, "a start time")),
            ElapsedTime = data.ElapsedTime ?? data.MovingTime ?? throw Invalid(context, "an elapsed time"),
            Description = data.Description,
            Distance = data.Distance,
            Trainer = data.Trainer,
            Commute = data.Commute,
        }, cancellationToken).ConfigureAwait(false);
        return new SyncRemoteResult(Id(created.Id), StravaActivityVersion.Of(created));
    }

    public async Task<SyncRemoteResult> UpdateAsync(SyncContext context, SyncRemoteUpdate<StravaActivity> update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(update);
        if (!long.TryParse(update.ExternalId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new IntegrationException(IntegrationErrorCode.InvalidRequest, $"'{update.ExternalId}' is not a Strava activity id.") { Provider = context.Provider, IntegrationId = context.Integration.Id };
        }

        if (update.ExpectedRemoteVersion is { } expected)
        {
            // Strava has no If-Match: compare before writing (a narrow race remains).
            var current = await client.GetActivityAsync(context.Key, id, cancellationToken).ConfigureAwait(false);
            if (current is null || StravaActivityVersion.Of(current) != expected)
            {
                throw new IntegrationException(
                    IntegrationErrorCode.ConcurrencyConflict,
                    current is null ? $"Strava activity {id} no longer exists." : $"Strava activity {id} changed since it was last synced.")
                { Provider = context.Provider, IntegrationId = context.Integration.Id };
            }
        }

        var updated = await client.UpdateActivityAsync(context.Key, id, new StravaActivityUpdate
        {
            Name = update.Data.Name,
            SportType = update.Data.SportType,

            // Lists carry no description: a local copy without one must not erase Strava's.
            Description = update.Data.Description,
        }, cancellationToken).ConfigureAwait(false);
        return new SyncRemoteResult(Id(updated.Id), StravaActivityVersion.Of(updated));
    }

    public Task DeleteAsync(SyncContext context, SyncRemoteDelete delete, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(delete);
        throw new IntegrationException(
            IntegrationErrorCode.InvalidRequest,
            $"Strava's API cannot delete activities; activity {delete.ExternalId} stays on Strava (the athlete can delete it on strava.com).")
        { Provider = context.Provider, IntegrationId = context.Integration.Id };
    }

    private StravaActivityPageToken FirstPage(SyncPageRequest request)
    {
        long? after = request.DateRange?.From?.ToUnixTimeSeconds();
        if (request.Cursor is { } cursor)
        {
            if (!StravaActivityPageToken.TryParseCursor(cursor, out var newest))
            {
                throw new SyncCursorExpiredException("The Strava activities cursor is not readable; a full sync is required.");
            }

            var overlapped = Math.Max(0, newest - (long)options.ActivitiesOverlap.TotalSeconds);
            after = after is { } from && from > overlapped ? from : overlapped;
        }

        return new StravaActivityPageToken(1, after, request.DateRange?.To?.ToUnixTimeSeconds(), null);
    }

    private static StravaActivityPageToken ReadToken(string text) =>
        StravaActivityPageToken.TryParse(text, out var token)
            ? token
            : throw new SyncCursorExpiredException("The Strava activities page token is not readable; a full sync is required.");

    private static SyncItem<StravaActivity> Item(StravaActivity activity) =>
        SyncItem<StravaActivity>.Upserted(Id(activity.Id), StravaActivityVersion.Of(activity), activity);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static long? Later(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static string Require(string? value, string what, SyncContext context) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid(context, what) : value;

    private static IntegrationException Invalid(SyncContext context, string what) =>
        new(IntegrationErrorCode.InvalidRequest, $"A Strava activity needs {what} to be created.") { Provider = context.Provider, IntegrationId = context.Integration.Id };
}
