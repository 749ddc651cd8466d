using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Integrations.Testing.Internal;

namespace Integrations.Testing;

/// <summary>The HTTP side of the sandbox resource server: routing, listing, writes, tokens and faults.</summary>
public sealed partial class SandboxSyncServer
{
    internal async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, _time, cancellationToken).ConfigureAwait(false);
        }

        if (Intercept?.Invoke(request) is { } intercepted)
        {
            return intercepted;
        }

        var path = request.RequestUri!.AbsolutePath;
        var basePath = BaseAddress.AbsolutePath;
        var route = path.StartsWith(basePath, StringComparison.Ordinal) ? path[basePath.Length..] : null;
        var itemId = route?.StartsWith("items/", StringComparison.Ordinal) == true ? Uri.UnescapeDataString(route["items/".Length..]) : null;
        var kind = (request.Method.Method, route) switch
        {
            ("GET", "items") => SandboxRequestKind.List,
            ("POST", "items") => SandboxRequestKind.Create,
            ("PUT", _) when itemId is not null => SandboxRequestKind.Update,
            ("DELETE", _) when itemId is not null => SandboxRequestKind.Delete,
            _ => SandboxRequestKind.None,
        };
        if (kind == SandboxRequestKind.None)
        {
            return Error(HttpStatusCode.NotFound, "notFound", $"No route for {request.Method} {path}.");
        }

        lock (_gate)
        {
            _requests[kind] = _requests.GetValueOrDefault(kind) + 1;
        }

        if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter: { Length: > 0 } token } || !TokenValidator(token))
        {
            return Error(HttpStatusCode.Unauthorized, "authError", "Invalid Credentials");
        }

        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (InjectedFailure(kind) is { } failure)
            {
                return failure;
            }

            if (_generatedCount > 0 && kind != SandboxRequestKind.List)
            {
                return Error(HttpStatusCode.MethodNotAllowed, "readOnly", "This sandbox server is read-only.");
            }

            return kind switch
            {
                SandboxRequestKind.List => List(request.RequestUri),
                SandboxRequestKind.Create => Write(request, null, body, kind),
                _ => Write(request, itemId, body, kind),
            };
        }
    }

    private HttpResponseMessage? InjectedFailure(SandboxRequestKind kind)
    {
        if (_nextFailures is not { } failures || (failures.Kinds & kind) == 0 || failures.Remaining <= 0)
        {
            return null;
        }

        _nextFailures = failures.Remaining > 1 ? failures with { Remaining = failures.Remaining - 1 } : null;
        var response = Error(failures.Status, failures.Status == HttpStatusCode.TooManyRequests ? "rateLimitExceeded" : "backendError", "Injected failure.");
        if (failures.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter);
        }

        return response;
    }

    private HttpResponseMessage List(Uri uri)
    {
        var query = ParseQuery(uri.Query);
        var pageSize = Math.Clamp(query.TryGetValue("maxResults", out var max) && int.TryParse(max, CultureInfo.InvariantCulture, out var size) ? size : 250, 1, MaxPageSize);
        query.TryGetValue("pageToken", out var pageToken);
        query.TryGetValue("syncToken", out var syncToken);
        var range = new SyncDateRange(ParseTime(query.GetValueOrDefault("timeMin")), ParseTime(query.GetValueOrDefault("timeMax")));

        if (pageToken is not null)
        {
            var parts = pageToken.Split('.');
            if (parts.Length < 4 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var epoch))
            {
                return Error(HttpStatusCode.BadRequest, "invalid", "Invalid page token.");
            }

            if (epoch != _epoch)
            {
                return FullSyncRequired();
            }

            return parts[0] switch
            {
                "f" when parts.Length == 4 => ListAll(long.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture) + 1, pageSize, range),
                "i" when parts.Length == 5 => ListChanges(long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture), int.Parse(parts[4], CultureInfo.InvariantCulture), pageSize),
                _ => Error(HttpStatusCode.BadRequest, "invalid", "Invalid page token."),
            };
        }

        if (syncToken is not null)
        {
            var parts = syncToken.Split('.');
            if (parts.Length != 4 || parts[0] != "s" || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var epoch)
                || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var since) || !long.TryParse(parts[3], CultureInfo.InvariantCulture, out var issued))
            {
                return Error(HttpStatusCode.BadRequest, "invalid", "Invalid sync token.");
            }

            var expired = SyncTokenLifetime is { } lifetime && DateTimeOffset.FromUnixTimeSeconds(issued) + lifetime <= _time.GetUtcNow();
            if (epoch != _epoch || expired)
            {
                return FullSyncRequired();
            }

            var start = _log.BinarySearch((since, null!), LogComparer.Instance);
            return ListChanges(since, _seq, start < 0 ? ~start : start + 1, pageSize);
        }

        return ListAll(_seq, 0, pageSize, range);
    }

    /// <summary>A full listing in id order: live items as they are now; the sync token covers changes after it began.</summary>
    private HttpResponseMessage ListAll(long upper, int from, int pageSize, SyncDateRange range)
    {
        var count = _generatedCount > 0 ? _generatedCount : _entries.Count;
        var page = new SandboxWirePage { Items = new List<SandboxWireItem>(Math.Min(pageSize, Math.Max(count - from, 0))), TotalItems = count };
        var index = from;
        for (; index < count && page.Items.Count < pageSize; index++)
        {
            if (_generatedCount > 0)
            {
                page.Items.Add(Generated(index));
                continue;
            }

            var entry = _entries[index];
            if (!entry.Deleted && !entry.Purged && (range == Unbounded || (entry.Data?.Start is { } start && range.Contains(start))))
            {
                page.Items.Add(entry.ToWire());
            }
        }

        if (index >= count)
        {
            page.NextSyncToken = SyncToken(upper);
        }
        else
        {
            page.NextPageToken = string.Create(CultureInfo.InvariantCulture, $"f.{_epoch}.{upper}.{index - 1}");
        }

        return Json(HttpStatusCode.OK, page, SandboxSyncJsonContext.Default.SandboxWirePage);
    }

    /// <summary>An incremental listing: every change after <paramref name="since"/> up to <paramref name="upper"/>, in change order, tombstones included.</summary>
    private HttpResponseMessage ListChanges(long since, long upper, int position, int pageSize)
    {
        var page = new SandboxWirePage();
        while (position < _log.Count && _log[position].Seq <= upper && page.Items.Count < pageSize)
        {
            var (seq, entry) = _log[position++];
            if (entry.Seq == seq && !entry.Purged)
            {
                page.Items.Add(entry.ToWire());
            }
        }

        if (position >= _log.Count || _log[position].Seq > upper)
        {
            page.NextSyncToken = SyncToken(upper);
        }
        else
        {
            page.NextPageToken = string.Create(CultureInfo.InvariantCulture, $"i.{_epoch}.{since}.{upper}.{position}");
        }

        return Json(HttpStatusCode.OK, page, SandboxSyncJsonContext.Default.SandboxWirePage);
    }

    private HttpResponseMessage Write(HttpRequestMessage request, string? id, byte[]? body, SandboxRequestKind kind)
    {
        if (id is not null && _failingItems.TryGetValue(id, out var failing))
        {
            return Error(failing, "invalid", $"Writes to item '{id}' fail (injected).");
        }

        var key = request.Headers.TryGetValues("Idempotency-Key", out var keys) ? $"{kind}:{keys.First()}" : null;
        if (key is not null && _idempotent.TryGetValue(key, out var replay))
        {
            return Outcome(replay);
        }

        SandboxWireWrite? write = null;
        if (kind != SandboxRequestKind.Delete)
        {
            try
            {
                write = body is { Length: > 0 } ? JsonSerializer.Deserialize(body, SandboxSyncJsonContext.Default.SandboxWireWrite) : null;
            }
            catch (JsonException)
            {
            }

            if (write?.Title is null)
            {
                return Error(HttpStatusCode.BadRequest, "required", "The item needs a title.");
            }
        }

        WriteOutcome outcome;
        if (kind == SandboxRequestKind.Create)
        {
            outcome = new WriteOutcome(HttpStatusCode.Created, AddEntry(new SandboxItemData(write!.Title!, write.Notes, write.Start)).ToWire());
        }
        else
        {
            if (LiveEntry(id!) is not { } entry)
            {
                return Error(HttpStatusCode.NotFound, "notFound", $"No item '{id}'.");
            }

            if (request.Headers.IfMatch.FirstOrDefault() is { } ifMatch && ifMatch.Tag.Trim('"') != entry.ETag)
            {
                return Error(HttpStatusCode.PreconditionFailed, "conditionNotMet", "The item changed since that etag.");
            }

            var deleted = kind == SandboxRequestKind.Delete;
            Touch(entry, deleted ? null : new SandboxItemData(write!.Title!, write.Notes, write.Start), deleted);
            outcome = new WriteOutcome(deleted ? HttpStatusCode.NoContent : HttpStatusCode.OK, deleted ? null : entry.ToWire());
        }

        if (key is not null)
        {
            _idempotent[key] = outcome;
        }

        return Outcome(outcome);
    }

    private static readonly SyncDateRange Unbounded = new(null, null);

    private static readonly DateTimeOffset GeneratedEpoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static SandboxWireItem Generated(int index) => new()
    {
        Id = string.Create(CultureInfo.InvariantCulture, $"g{index:D9}"),
        ETag = "e1",
        Updated = GeneratedEpoch,
        Title = string.Create(CultureInfo.InvariantCulture, $"Generated item {index}"),
        Notes = "A generated sandbox item: its text stands for the description a real calendar event or activity carries.",
        Start = GeneratedEpoch.AddMinutes(index),
    };

    private string SyncToken(long upper) =>
        string.Create(CultureInfo.InvariantCulture, $"s.{_epoch}.{upper}.{_time.GetUtcNow().ToUnixTimeSeconds()}");

    private static HttpResponseMessage FullSyncRequired() =>
        Error(HttpStatusCode.Gone, "fullSyncRequired", "Sync token is no longer valid, a full sync is required.");

    private static HttpResponseMessage Outcome(WriteOutcome outcome) => outcome.Item is null
        ? new HttpResponseMessage(outcome.Status)
        : Json(outcome.Status, outcome.Item, SandboxSyncJsonContext.Default.SandboxWireItem);

    private static HttpResponseMessage Error(HttpStatusCode status, string reason, string message) =>
        Json(
            status,
            new SandboxWireError
            {
                Error = new SandboxWireErrorBody
                {
                    Errors = [new SandboxWireErrorDetail { Reason = reason, Message = message }],
                    Code = (int)status,
                    Reason = reason,
                    Message = message,
                },
            },
            SandboxSyncJsonContext.Default.SandboxWireError);

    private static HttpResponseMessage Json<T>(HttpStatusCode status, T value, JsonTypeInfo<T> typeInfo) =>
        new(status) { Content = SandboxPooledJsonContent.Create(value, typeInfo) };

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at > 0)
            {
                result[Uri.UnescapeDataString(pair[..at])] = Uri.UnescapeDataString(pair[(at + 1)..]);
            }
        }

        return result;
    }

    private static DateTimeOffset? ParseTime(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null;

    private sealed class LogComparer : IComparer<(long Seq, Entry Entry)>
    {
        public static readonly LogComparer Instance = new();

        public int Compare((long Seq, Entry Entry) x, (long Seq, Entry Entry) y) => x.Seq.CompareTo(y.Seq);
    }
}
