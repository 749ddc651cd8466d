using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Integrations.Testing;
using Integrations.TestSupport;
using RichardSzalay.MockHttp;

namespace Integrations.Core.Tests.Sync.Sandbox;

/// <summary>The sandbox resource behaves like a provider API, and its source maps it like a provider package would.</summary>
public sealed class SandboxSyncServerTests
{
    private readonly FakeTimeProvider _time = new();

    private static readonly SyncContext Context = new()
    {
        Integration = new Integration
        {
            Id = Guid.NewGuid(),
            UserId = "user-1",
            Provider = "sandbox",
            DisplayName = "Sandbox",
            Account = new ExternalAccount("a"),
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        },
        Resource = "items",
        RunId = Guid.NewGuid(),
    };

    [Fact]
    public async Task The_listing_pages_like_google_calendar_with_a_sync_token_on_the_last_page_only()
    {
        var server = new SandboxSyncServer(_time);
        server.Seed(3);
        using var client = Client(server);

        using var first = await JsonDocument.ParseAsync(await client.GetStreamAsync("items?maxResults=2"));
        var next = first.RootElement.GetProperty("nextPageToken").GetString();
        using var last = await JsonDocument.ParseAsync(await client.GetStreamAsync($"items?maxResults=2&pageToken={Uri.EscapeDataString(next!)}"));

        Assert.Equal(2, first.RootElement.GetProperty("items").GetArrayLength());
        Assert.False(first.RootElement.TryGetProperty("nextSyncToken", out _));
        var item = first.RootElement.GetProperty("items")[0];
        Assert.Equal(["id", "etag", "updated", "title"], item.EnumerateObject().Select(p => p.Name));
        Assert.Single(last.RootElement.GetProperty("items").EnumerateArray());
        Assert.False(last.RootElement.TryGetProperty("nextPageToken", out _));
        Assert.NotNull(last.RootElement.GetProperty("nextSyncToken").GetString());
    }

    [Fact]
    public async Task An_incremental_listing_returns_changes_since_the_sync_token_with_tombstones()
    {
        var server = new SandboxSyncServer(_time);
        var seeded = server.Seed(4);
        var source = Source(server);
        var full = await source.FetchPageAsync(Context, new SyncPageRequest(null, null, 10, null), CancellationToken.None);
        server.Update(seeded[1].Id, new SandboxItemData("changed"));
        server.Delete(seeded[2].Id);

        var changes = await source.FetchPageAsync(Context, new SyncPageRequest(full.NextCursor, null, 10, null), CancellationToken.None);

        Assert.True(changes.IsLast);
        Assert.Equal([(seeded[1].Id, false), (seeded[2].Id, true)], changes.Items.Select(i => (i.ExternalId, i.IsDeleted)));
        Assert.Equal("changed", changes.Items[0].Data!.Title);
        Assert.NotEqual(seeded[1].ETag, changes.Items[0].RemoteVersion);
        Assert.Null(changes.Items[1].Data);
    }

    [Fact]
    public async Task Expired_sync_tokens_answer_410_full_sync_required_and_the_source_signals_it()
    {
        var server = new SandboxSyncServer(_time);
        server.Seed(1);
        var source = Source(server);
        var full = await source.FetchPageAsync(Context, new SyncPageRequest(null, null, 10, null), CancellationToken.None);
        server.ExpireSyncTokens();
        using var client = Client(server);

        using var response = await client.GetAsync($"items?syncToken={Uri.EscapeDataString(full.NextCursor!)}");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("fullSyncRequired", body.RootElement.GetProperty("error").GetProperty("reason").GetString());
        await Assert.ThrowsAsync<SyncCursorExpiredException>(() => source.FetchPageAsync(Context, new SyncPageRequest(full.NextCursor, null, 10, null), CancellationToken.None));
    }

    [Fact]
    public async Task A_retry_after_date_is_measured_against_the_injected_clock()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(_time.GetUtcNow().AddSeconds(90));
            return response;
        });
        var source = new SandboxSyncSource(new HttpClient(mock) { BaseAddress = new Uri("https://sandbox.invalid/") }, accessTokens: null, _time);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => source.FetchPageAsync(Context, new SyncPageRequest(null, null, 10, null), CancellationToken.None));

        Assert.Equal((IntegrationErrorCode.RateLimitExceeded, TimeSpan.FromSeconds(90)), (error.Code, error.RetryAfter));
    }

    [Fact]
    public async Task A_429_becomes_a_transient_rate_limit_error_with_its_retry_after()
    {
        var server = new SandboxSyncServer(_time);
        server.FailNextRequests(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => Source(server).FetchPageAsync(Context, new SyncPageRequest(null, null, 10, null), CancellationToken.None));

        Assert.Equal((IntegrationErrorCode.RateLimitExceeded, TimeSpan.FromSeconds(30), true, 429), (error.Code, error.RetryAfter, error.IsTransient, error.StatusCode));
    }

    [Fact]
    public async Task Writes_check_etags_and_replay_idempotency_keys()
    {
        var server = new SandboxSyncServer(_time);
        var source = Source(server);

        var created = await source.CreateAsync(Context, new SyncRemoteCreate<SandboxItemData>("l1", new SandboxItemData("a"), "key-1"), CancellationToken.None);
        var again = await source.CreateAsync(Context, new SyncRemoteCreate<SandboxItemData>("l1", new SandboxItemData("a"), "key-1"), CancellationToken.None);
        Assert.Equal(created, again);
        Assert.Single(server.Items);

        var updated = await source.UpdateAsync(Context, new SyncRemoteUpdate<SandboxItemData>(created.ExternalId, "l1", new SandboxItemData("b"), created.RemoteVersion, "key-2"), CancellationToken.None);
        Assert.NotEqual(created.RemoteVersion, updated.RemoteVersion);

        var stale = await Assert.ThrowsAsync<IntegrationException>(() =>
            source.UpdateAsync(Context, new SyncRemoteUpdate<SandboxItemData>(created.ExternalId, "l1", new SandboxItemData("c"), created.RemoteVersion, "key-3"), CancellationToken.None));
        Assert.Equal((IntegrationErrorCode.ConcurrencyConflict, 412), (stale.Code, stale.StatusCode));
        Assert.Equal("b", server.Get(created.ExternalId)!.Data!.Title);

        await source.DeleteAsync(Context, new SyncRemoteDelete(created.ExternalId, "l1", updated.RemoteVersion, "key-4"), CancellationToken.None);
        await source.DeleteAsync(Context, new SyncRemoteDelete(created.ExternalId, "l1", null, "key-5"), CancellationToken.None);
        Assert.Empty(server.Items);
    }

    [Fact]
    public async Task Requests_without_an_accepted_bearer_token_get_401()
    {
        var server = new SandboxSyncServer(_time) { TokenValidator = token => token == "good" };
        using var client = Client(server, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("items")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "bad");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("items")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "good");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("items")).StatusCode);
    }

    [Fact]
    public async Task Slow_responses_wait_on_the_server_clock()
    {
        var server = new SandboxSyncServer(_time) { Latency = TimeSpan.FromSeconds(5) };
        using var client = Client(server);

        var pending = client.GetAsync("items");
        Assert.False(pending.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.OK, (await pending.WaitAsync(TimeSpan.FromSeconds(30))).StatusCode);
    }

    [Fact]
    public async Task A_date_range_limits_the_full_listing_to_items_starting_inside_it()
    {
        var server = new SandboxSyncServer(_time);
        var day = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        server.Seed(5, i => new SandboxItemData($"e{i}", Start: day.AddDays(i)));

        var page = await Source(server).FetchPageAsync(Context, new SyncPageRequest(null, null, 10, new SyncDateRange(day.AddDays(1), day.AddDays(3))), CancellationToken.None);

        Assert.Equal(["e1", "e2"], page.Items.Select(i => i.Data!.Title));
    }

    [Fact]
    public async Task A_generated_server_serves_many_items_without_holding_them()
    {
        var server = SandboxSyncServer.CreateGenerated(2_500, _time);
        var source = Source(server);
        string? token = null;
        var count = 0;
        SyncPage<SandboxItemData> page;
        do
        {
            page = await source.FetchPageAsync(Context, new SyncPageRequest(null, token, 1000, null), CancellationToken.None);
            count += page.Items.Count;
            token = page.NextPageToken;
        }
        while (!page.IsLast);

        Assert.Equal(2_500, count);
        Assert.Equal(2_500, page.TotalEstimate);
        Assert.Empty(server.Items);
    }

    private static HttpClient Client(SandboxSyncServer server, string? token = "any")
    {
        var client = new HttpClient(server.CreateHandler()) { BaseAddress = server.BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static SandboxSyncSource Source(SandboxSyncServer server) => new(Client(server, token: null));
}
