using Integrations;
using Xunit;

namespace Integrations.TestSupport.Conformance.Sync;

/// <summary>
/// What every <see cref="ISyncStateStore"/> must do. Derive, return a new empty store from
/// <see cref="CreateStoreAsync"/>, and the tests run against it. Times are whole seconds in UTC, so
/// stores with microsecond precision pass.
/// </summary>
public abstract class SyncStateStoreConformance
{
    private const string Resource = "calendar-events";
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<ISyncStateStore> CreateStoreAsync();

    [Fact]
    public async Task A_state_never_saved_is_not_found()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.GetAsync(Guid.NewGuid(), Resource));
        Assert.Empty(await store.GetLinksAsync(Guid.NewGuid(), Resource, ["a"]));
        Assert.Equal(0, await store.CountLinksAsync(Guid.NewGuid(), Resource));
    }

    [Fact]
    public async Task A_commit_saves_every_field_of_the_state_with_the_next_version()
    {
        var store = await CreateStoreAsync();
        var state = FullState(Guid.NewGuid());

        var saved = await store.CommitAsync(new SyncCommit(state));

        Assert.Equal(1, saved.Version);
        AssertSameState(state with { Version = 1 }, saved);
        AssertSameState(state with { Version = 1 }, (await store.GetAsync(state.IntegrationId, Resource))!);

        var cleared = await store.CommitAsync(new SyncCommit(saved with { Checkpoint = null, RecoveryPass = null, PendingCreates = [], Cursor = null, CursorDateRange = null }));
        Assert.Equal(2, cleared.Version);
        var read = (await store.GetAsync(state.IntegrationId, Resource))!;
        Assert.Null(read.Checkpoint);
        Assert.Null(read.RecoveryPass);
        Assert.Null(read.Cursor);
        Assert.Null(read.CursorDateRange);
        Assert.Empty(read.PendingCreates);
    }

    [Fact]
    public async Task A_commit_with_a_stale_version_fails_and_writes_nothing()
    {
        var store = await CreateStoreAsync();
        var id = Guid.NewGuid();
        var first = await store.CommitAsync(new SyncCommit(SyncState.Empty(id, Resource) with { Cursor = "c1" }) { UpsertLinks = [Link("a", "1")] });
        await store.CommitAsync(new SyncCommit(first with { Cursor = "c2" }));

        var error = await Assert.ThrowsAsync<IntegrationException>(() =>
            store.CommitAsync(new SyncCommit(first with { Cursor = "stale" }) { UpsertLinks = [Link("b", "2")], DeleteLinks = ["a"] }));

        Assert.Equal(IntegrationErrorCode.ConcurrencyConflict, error.Code);
        var read = (await store.GetAsync(id, Resource))!;
        Assert.Equal(("c2", 2L), (read.Cursor, read.Version));
        Assert.Equal(["a"], (await store.GetLinksAsync(id, Resource, ["a", "b"])).Keys);
    }

    [Fact]
    public async Task A_new_state_cannot_overwrite_an_existing_one()
    {
        var store = await CreateStoreAsync();
        var id = Guid.NewGuid();
        await store.CommitAsync(new SyncCommit(SyncState.Empty(id, Resource)));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => store.CommitAsync(new SyncCommit(SyncState.Empty(id, Resource))));

        Assert.Equal(IntegrationErrorCode.ConcurrencyConflict, error.Code);
    }

    [Fact]
    public async Task A_commit_with_a_version_for_a_missing_state_fails()
    {
        var store = await CreateStoreAsync();

        var error = await Assert.ThrowsAsync<IntegrationException>(() => store.CommitAsync(new SyncCommit(SyncState.Empty(Guid.NewGuid(), Resource) with { Version = 3 })));

        Assert.Equal(IntegrationErrorCode.ConcurrencyConflict, error.Code);
    }

    [Fact]
    public async Task Links_are_inserted_replaced_and_deleted_with_the_state()
    {
        var store = await CreateStoreAsync();
        var id = Guid.NewGuid();
        var state = await store.CommitAsync(new SyncCommit(SyncState.Empty(id, Resource)) { UpsertLinks = [Link("a", "1"), Link("b", "2"), Link("c", "3")] });

        await store.CommitAsync(new SyncCommit(state) { UpsertLinks = [new SyncItemLink("a", "1", "etag-2", "lv-2", 7)], DeleteLinks = ["b"] });

        var links = await store.GetLinksAsync(id, Resource, ["a", "b", "c", "missing", "a"]);
        Assert.Equal(["a", "c"], links.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new SyncItemLink("a", "1", "etag-2", "lv-2", 7), links["a"]);
        Assert.Equal(Link("c", "3"), links["c"]);
        Assert.Equal(2, await store.CountLinksAsync(id, Resource));
    }

    [Fact]
    public async Task Links_are_found_by_local_id_and_follow_a_changed_local_id()
    {
        var store = await CreateStoreAsync();
        var id = Guid.NewGuid();
        var state = await store.CommitAsync(new SyncCommit(SyncState.Empty(id, Resource)) { UpsertLinks = [Link("a", "1"), Link("b", "2")] });
        await store.CommitAsync(new SyncCommit(state) { UpsertLinks = [Link("a", "9")] });

        var byLocal = await store.GetLinksByLocalIdAsync(id, Resource, ["1", "2", "9", "missing"]);

        Assert.Equal(["2", "9"], byLocal.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("a", byLocal["9"].ExternalId);
        Assert.Equal("b", byLocal["2"].ExternalId);
    }

    [Fact]
    public async Task Links_not_seen_since_a_pass_are_listed_in_ordinal_order_after_a_key()
    {
        var store = await CreateStoreAsync();
        var id = Guid.NewGuid();
        List<SyncItemLink> links = [];
        for (var i = 0; i < 12; i++)
        {
            links.Add(new SyncItemLink($"item-{i:D2}", $"local-{i}", "v", null, LastSeenPass: i % 3 == 0 ? 5 : 4));
        }

        links.Add(new SyncItemLink("Item-upper", "local-upper", "v", null, 1));
        await store.CommitAsync(new SyncCommit(SyncState.Empty(id, Resource)) { UpsertLinks = links });

        var first = await store.ListLinksNotSeenAsync(id, Resource, pass: 5, afterExternalId: null, limit: 4);
        var second = await store.ListLinksNotSeenAsync(id, Resource, pass: 5, afterExternalId: first[^1].ExternalId, limit: 4);
        var rest = await store.ListLinksNotSeenAsync(id, Resource, pass: 5, afterExternalId: second[^1].ExternalId, limit: 4);

        Assert.Equal(["Item-upper", "item-01", "item-02", "item-04"], first.Select(l => l.ExternalId));
        Assert.Equal(["item-05", "item-07", "item-08", "item-10"], second.Select(l => l.ExternalId));
        Assert.Equal(["item-11"], rest.Select(l => l.ExternalId));
        Assert.Equal(links.Single(l => l.ExternalId == "item-05"), second[0]);
        Assert.Empty(await store.ListLinksNotSeenAsync(id, Resource, pass: 1, afterExternalId: null, limit: 10));
    }

    [Fact]
    public async Task States_and_links_are_kept_apart_per_integration_and_resource()
    {
        var store = await CreateStoreAsync();
        var (one, two) = (Guid.NewGuid(), Guid.NewGuid());
        await store.CommitAsync(new SyncCommit(SyncState.Empty(one, Resource) with { Cursor = "one" }) { UpsertLinks = [Link("a", "1")] });
        await store.CommitAsync(new SyncCommit(SyncState.Empty(one, "contacts") with { Cursor = "contacts" }) { UpsertLinks = [Link("a", "2")] });
        await store.CommitAsync(new SyncCommit(SyncState.Empty(two, Resource) with { Cursor = "two" }) { UpsertLinks = [Link("a", "3")] });

        Assert.Equal("one", (await store.GetAsync(one, Resource))!.Cursor);
        Assert.Equal("2", (await store.GetLinksAsync(one, "contacts", ["a"]))["a"].LocalId);
        Assert.Equal("3", (await store.GetLinksAsync(two, Resource, ["a"]))["a"].LocalId);
        Assert.Empty(await store.GetLinksByLocalIdAsync(two, Resource, ["1"]));

        Assert.Equal(2, await store.DeleteAllAsync(one));

        Assert.Null(await store.GetAsync(one, Resource));
        Assert.Null(await store.GetAsync(one, "contacts"));
        Assert.Equal(0, await store.CountLinksAsync(one, Resource));
        Assert.Equal("two", (await store.GetAsync(two, Resource))!.Cursor);
        Assert.Equal(1, await store.CountLinksAsync(two, Resource));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public async Task Of_concurrent_commits_with_the_same_version_exactly_one_wins(int writers)
    {
        var store = await CreateStoreAsync();
        var id = Guid.NewGuid();
        var state = await store.CommitAsync(new SyncCommit(SyncState.Empty(id, Resource)));

        var attempts = await Task.WhenAll(Enumerable.Range(0, writers).Select(async i =>
        {
            try
            {
                await store.CommitAsync(new SyncCommit(state with { Cursor = $"writer-{i}" }) { UpsertLinks = [Link($"from-{i}", $"{i}")] });
                return true;
            }
            catch (IntegrationException ex) when (ex.Code == IntegrationErrorCode.ConcurrencyConflict)
            {
                return false;
            }
        }));

        Assert.Single(attempts, won => won);
        var winner = Array.IndexOf(attempts, true);
        Assert.Equal($"writer-{winner}", (await store.GetAsync(id, Resource))!.Cursor);
        Assert.Equal(1, await store.CountLinksAsync(id, Resource));
    }

    private static SyncItemLink Link(string externalId, string localId) => new(externalId, localId, "etag-1", "lv-1", 1);

    private static SyncState FullState(Guid id) => SyncState.Empty(id, Resource) with
    {
        Cursor = "https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=abc",
        CursorDateRange = new SyncDateRange(Now, Now.AddDays(30)),
        CursorUpdatedAt = Now,
        PassNumber = 42,
        Checkpoint = new SyncCheckpoint
        {
            Pass = 43,
            IsFullPass = true,
            StartCursor = null,
            DateRange = new SyncDateRange(Now.AddDays(-1), null),
            Phase = SyncPassPhase.Reconciling,
            PageToken = "page-7",
            PagesCompleted = 6,
            PendingCursor = "sync-token-9",
            ReconcileAfter = "item-300",
            StartedAt = Now.AddMinutes(-5),
        },
        LocalCheckpoint = "rowversion:123",
        RecoveryPass = 43,
        PendingCreates = [new SyncPendingCreate("local-1", "7", new string('a', 64)), new SyncPendingCreate("local-2", null, new string('b', 64))],
    };

    private static void AssertSameState(SyncState expected, SyncState actual)
    {
        Assert.Equal(expected with { PendingCreates = [] }, actual with { PendingCreates = [] });
        Assert.Equal(expected.PendingCreates, actual.PendingCreates);
    }
}
