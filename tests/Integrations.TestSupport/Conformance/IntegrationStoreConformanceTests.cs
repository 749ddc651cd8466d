using Xunit;
using static Integrations.TestSupport.Conformance.StoreTestData;

namespace Integrations.TestSupport.Conformance;

/// <summary>
/// The behaviour every <see cref="IIntegrationStore"/> must have, as its XML docs state it. A store
/// implementation's test class inherits this and supplies <see cref="StoreConformanceTests{TStore}.CreateStoreAsync"/>.
/// </summary>
public abstract class IntegrationStoreConformanceTests : StoreConformanceTests<IIntegrationStore>
{
    private static readonly IntegrationOwner Alice = new("acme", "alice");
    private static readonly IntegrationOwner Bob = new("acme", "bob");
    private static readonly IntegrationOwner AliceElsewhere = new("globex", "alice");
    private static readonly IntegrationOwner AliceNoTenant = IntegrationOwner.ForUser("alice");

    [Fact]
    public async Task Added_integration_round_trips_every_field()
    {
        var integration = FullyPopulated(Alice);

        var added = await Store.AddAsync(integration);

        AssertEquivalent(integration with { Version = 1 }, added);
        AssertEquivalent(integration with { Version = 1 }, await Store.GetAsync(Alice, integration.Id));
    }

    [Theory]
    [InlineData("acme")]
    [InlineData(null)]
    public async Task Added_integration_with_only_required_fields_round_trips_with_defaults(string? tenant)
    {
        var integration = Minimal(new IntegrationOwner(tenant, "alice"));

        await Store.AddAsync(integration);

        var stored = await Store.GetAsync(integration.Owner, integration.Id);
        AssertEquivalent(integration with { Version = 1 }, stored);
        Assert.Null(stored!.Tokens);
        Assert.Null(stored.Account.RawProfile);
        Assert.Empty(stored.GrantedScopes);
        Assert.Empty(stored.Metadata);
        Assert.Empty(stored.Settings.Properties);
    }

    [Fact]
    public async Task Tokens_without_expiry_or_refresh_token_round_trip()
    {
        var integration = Minimal(Alice) with { Tokens = new ProtectedTokenSet("CfDJ8-only-access", null, HasRefreshToken: false) };

        await Store.AddAsync(integration);

        Assert.Equal(integration.Tokens, (await Store.GetAsync(Alice, integration.Id))!.Tokens);
    }

    [Fact]
    public async Task Get_of_an_unknown_id_finds_nothing()
    {
        await Store.AddAsync(Minimal(Alice));

        Assert.Null(await Store.GetAsync(Alice, Guid.NewGuid()));
        Assert.Null(await Store.GetForBackgroundAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Get_by_another_owner_finds_nothing()
    {
        var integration = await Store.AddAsync(Minimal(Alice));

        Assert.Null(await Store.GetAsync(Bob, integration.Id));
        Assert.Null(await Store.GetAsync(AliceElsewhere, integration.Id));
        Assert.Null(await Store.GetAsync(AliceNoTenant, integration.Id));
        Assert.NotNull(await Store.GetAsync(Alice, integration.Id));
    }

    [Fact]
    public async Task Integration_without_tenant_is_not_found_under_a_tenant()
    {
        var integration = await Store.AddAsync(Minimal(AliceNoTenant));

        Assert.Null(await Store.GetAsync(Alice, integration.Id));
        Assert.NotNull(await Store.GetAsync(AliceNoTenant, integration.Id));
    }

    [Fact]
    public async Task Get_for_background_finds_the_integration_of_any_owner()
    {
        var integration = FullyPopulated(Bob);
        await Store.AddAsync(integration);

        AssertEquivalent(integration with { Version = 1 }, await Store.GetForBackgroundAsync(integration.Id));
    }

    [Fact]
    public async Task List_returns_only_the_owners_integrations_oldest_first()
    {
        var newest = await Store.AddAsync(Minimal(Alice, createdAt: Start.AddHours(2)));
        var oldest = await Store.AddAsync(Minimal(Alice, createdAt: Start));
        var middle = await Store.AddAsync(Minimal(Alice, provider: "strava", createdAt: Start.AddHours(1)));
        await Store.AddAsync(Minimal(Bob, createdAt: Start.AddMinutes(30)));
        await Store.AddAsync(Minimal(AliceElsewhere, createdAt: Start.AddMinutes(30)));
        await Store.AddAsync(Minimal(AliceNoTenant, createdAt: Start.AddMinutes(30)));

        var listed = await Store.ListAsync(Alice);

        Assert.Equal([oldest.Id, middle.Id, newest.Id], listed.Select(i => i.Id));
    }

    [Fact]
    public async Task List_orders_integrations_created_at_the_same_time_by_id()
    {
        var added = new List<Integration>();
        for (var i = 0; i < 5; i++)
        {
            added.Add(await Store.AddAsync(Minimal(Alice)));
        }

        var listed = await Store.ListAsync(Alice);

        Assert.Equal(added.Select(i => i.Id).Order(), listed.Select(i => i.Id));
    }

    [Fact]
    public async Task List_of_an_owner_without_integrations_is_empty()
    {
        await Store.AddAsync(Minimal(Alice));

        Assert.Empty(await Store.ListAsync(Bob));
    }

    [Fact]
    public async Task List_filters_by_provider_and_status()
    {
        var activeGoogle = await Store.AddAsync(Minimal(Alice, "google", createdAt: Start));
        var revokedGoogle = await Store.AddAsync(Minimal(Alice, "google", createdAt: Start.AddMinutes(1)) with { Status = IntegrationStatus.Revoked });
        var activeStrava = await Store.AddAsync(Minimal(Alice, "strava", createdAt: Start.AddMinutes(2)));
        await Store.AddAsync(Minimal(Bob, "google", createdAt: Start.AddMinutes(3)));

        Assert.Equal([activeGoogle.Id, revokedGoogle.Id], (await Store.ListAsync(Alice, new IntegrationFilter { Provider = "google" })).Select(i => i.Id));
        Assert.Equal([activeGoogle.Id, activeStrava.Id], (await Store.ListAsync(Alice, new IntegrationFilter { Status = IntegrationStatus.Active })).Select(i => i.Id));
        Assert.Equal([revokedGoogle.Id], (await Store.ListAsync(Alice, new IntegrationFilter { Provider = "google", Status = IntegrationStatus.Revoked })).Select(i => i.Id));
        Assert.Empty(await Store.ListAsync(Alice, new IntegrationFilter { Provider = "strava", Status = IntegrationStatus.Disabled }));
        Assert.Equal(3, (await Store.ListAsync(Alice, new IntegrationFilter())).Count);
    }

    [Fact]
    public async Task Find_by_external_account_is_scoped_to_the_owner_and_provider()
    {
        var integration = await Store.AddAsync(Minimal(Alice, "google", "acct-1"));
        await Store.AddAsync(Minimal(Bob, "google", "acct-1"));

        Assert.Equal(integration.Id, (await Store.FindByExternalAccountAsync(Alice, "google", "acct-1"))?.Id);
        Assert.Null(await Store.FindByExternalAccountAsync(Alice, "strava", "acct-1"));
        Assert.Null(await Store.FindByExternalAccountAsync(Alice, "google", "acct-2"));
        Assert.Null(await Store.FindByExternalAccountAsync(AliceElsewhere, "google", "acct-1"));
        Assert.Null(await Store.FindByExternalAccountAsync(AliceNoTenant, "google", "acct-1"));
    }

    [Fact]
    public async Task Find_by_external_account_for_background_returns_the_integrations_of_every_owner()
    {
        var bobs = await Store.AddAsync(Minimal(Bob, "strava", "athlete-7", createdAt: Start.AddMinutes(1)));
        var alices = await Store.AddAsync(Minimal(Alice, "strava", "athlete-7", createdAt: Start));
        await Store.AddAsync(Minimal(Alice, "strava", "athlete-8"));
        await Store.AddAsync(Minimal(Alice, "google", "athlete-7"));

        var found = await Store.FindByExternalAccountForBackgroundAsync("strava", "athlete-7");

        Assert.Equal([alices.Id, bobs.Id], found.Select(i => i.Id));
        Assert.Empty(await Store.FindByExternalAccountForBackgroundAsync("strava", "athlete-9"));
    }

    [Fact]
    public async Task Adding_an_existing_id_fails_with_DuplicateIntegration()
    {
        var integration = await Store.AddAsync(Minimal(Alice));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => Store.AddAsync(Minimal(Bob) with { Id = integration.Id }));

        Assert.Equal(IntegrationErrorCode.DuplicateIntegration, error.Code);
        Assert.Equal(Alice, (await Store.GetForBackgroundAsync(integration.Id))!.Owner);
    }

    [Theory]
    [InlineData("acme")]
    [InlineData(null)]
    public async Task Connecting_the_same_external_account_twice_for_one_owner_fails_with_DuplicateIntegration(string? tenant)
    {
        var owner = new IntegrationOwner(tenant, "alice");
        var first = await Store.AddAsync(Minimal(owner, "google", "acct-1"));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => Store.AddAsync(Minimal(owner, "google", "acct-1")));

        Assert.Equal(IntegrationErrorCode.DuplicateIntegration, error.Code);
        Assert.Equal([first.Id], (await Store.ListAsync(owner)).Select(i => i.Id));
    }

    [Fact]
    public async Task The_same_external_account_may_be_connected_by_another_user_tenant_or_provider()
    {
        await Store.AddAsync(Minimal(Alice, "google", "acct-1"));

        await Store.AddAsync(Minimal(Bob, "google", "acct-1"));
        await Store.AddAsync(Minimal(AliceElsewhere, "google", "acct-1"));
        await Store.AddAsync(Minimal(AliceNoTenant, "google", "acct-1"));
        await Store.AddAsync(Minimal(Alice, "strava", "acct-1"));
        await Store.AddAsync(Minimal(Alice, "google", "acct-2"));

        Assert.Equal(4, (await Store.FindByExternalAccountForBackgroundAsync("google", "acct-1")).Count);
        Assert.Equal(3, (await Store.ListAsync(Alice)).Count);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public async Task Concurrent_adds_of_one_external_account_store_exactly_one(int callers)
    {
        var outcomes = await Race.CatchAsync(callers, _ => Store.AddAsync(Minimal(Alice, "google", "acct-race")));

        Assert.Equal(1, outcomes.Count(o => o is null));
        Assert.All(outcomes.OfType<IntegrationException>(), e => Assert.Equal(IntegrationErrorCode.DuplicateIntegration, e.Code));
        Assert.Equal(callers - 1, outcomes.OfType<IntegrationException>().Count());
        Assert.Single(await Store.ListAsync(Alice));
    }

    [Fact]
    public async Task Update_saves_every_change_and_increments_the_version()
    {
        var added = await Store.AddAsync(Minimal(Alice));
        var changed = FullyPopulated(Alice) with { Id = added.Id, Version = added.Version };

        var updated = await Store.UpdateAsync(changed);

        Assert.Equal(2, updated.Version);
        AssertEquivalent(changed with { Version = 2 }, updated);
        AssertEquivalent(changed with { Version = 2 }, await Store.GetAsync(Alice, added.Id));

        var cleared = added with { Version = 2, Tokens = null, Metadata = added.Metadata.Clear() };
        Assert.Equal(3, (await Store.UpdateAsync(cleared)).Version);
        AssertEquivalent(cleared with { Version = 3 }, await Store.GetAsync(Alice, added.Id));
    }

    [Fact]
    public async Task Update_with_a_stale_version_fails_with_ConcurrencyConflict_and_changes_nothing()
    {
        var added = await Store.AddAsync(Minimal(Alice));
        var first = await Store.UpdateAsync(added with { DisplayName = "first" });

        var error = await Assert.ThrowsAsync<IntegrationException>(() => Store.UpdateAsync(added with { DisplayName = "second" }));

        Assert.Equal(IntegrationErrorCode.ConcurrencyConflict, error.Code);
        Assert.Equal(added.Id, error.IntegrationId);
        AssertEquivalent(first, await Store.GetAsync(Alice, added.Id));
    }

    [Fact]
    public async Task Update_with_a_version_from_the_future_fails_with_ConcurrencyConflict()
    {
        var added = await Store.AddAsync(Minimal(Alice));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => Store.UpdateAsync(added with { Version = 7, DisplayName = "x" }));

        Assert.Equal(IntegrationErrorCode.ConcurrencyConflict, error.Code);
        AssertEquivalent(added, await Store.GetAsync(Alice, added.Id));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(8)]
    public async Task Concurrent_updates_of_one_version_let_exactly_one_win(int callers)
    {
        var added = await Store.AddAsync(Minimal(Alice));

        var outcomes = await Race.CatchAsync(callers, i => Store.UpdateAsync(added with { DisplayName = $"writer {i}" }));

        var winner = Assert.Single(outcomes.Select((o, i) => (o, i)), x => x.o is null);
        Assert.All(outcomes.OfType<IntegrationException>(), e => Assert.Equal(IntegrationErrorCode.ConcurrencyConflict, e.Code));
        var stored = await Store.GetAsync(Alice, added.Id);
        Assert.Equal(2, stored!.Version);
        Assert.Equal($"writer {winner.i}", stored.DisplayName);
    }

    [Fact]
    public async Task Update_by_another_owner_fails_with_IntegrationNotFound_and_changes_nothing()
    {
        var added = await Store.AddAsync(Minimal(Alice));

        foreach (var stranger in new[] { Bob, AliceElsewhere, AliceNoTenant })
        {
            var hijack = added with { TenantId = stranger.TenantId, UserId = stranger.UserId, DisplayName = "hijacked" };
            var error = await Assert.ThrowsAsync<IntegrationException>(() => Store.UpdateAsync(hijack));
            Assert.Equal(IntegrationErrorCode.IntegrationNotFound, error.Code);
        }

        AssertEquivalent(added, await Store.GetAsync(Alice, added.Id));
    }

    [Fact]
    public async Task Update_of_a_deleted_integration_fails_with_IntegrationNotFound()
    {
        var added = await Store.AddAsync(Minimal(Alice));
        await Store.DeleteAsync(Alice, added.Id);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => Store.UpdateAsync(added with { DisplayName = "x" }));

        Assert.Equal(IntegrationErrorCode.IntegrationNotFound, error.Code);
        Assert.Null(await Store.GetForBackgroundAsync(added.Id));
    }

    [Fact]
    public async Task Update_to_an_external_account_the_owner_already_has_fails_with_DuplicateIntegration()
    {
        await Store.AddAsync(Minimal(Alice, "google", "acct-1"));
        var other = await Store.AddAsync(Minimal(Alice, "google", "acct-2"));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => Store.UpdateAsync(other with { Account = new ExternalAccount("acct-1") }));

        Assert.Equal(IntegrationErrorCode.DuplicateIntegration, error.Code);
        AssertEquivalent(other, await Store.GetAsync(Alice, other.Id));
    }

    [Fact]
    public async Task Delete_removes_only_the_owners_integration()
    {
        var added = await Store.AddAsync(Minimal(Alice));
        var kept = await Store.AddAsync(Minimal(Alice));

        Assert.False(await Store.DeleteAsync(Bob, added.Id));
        Assert.False(await Store.DeleteAsync(AliceElsewhere, added.Id));
        Assert.False(await Store.DeleteAsync(AliceNoTenant, added.Id));
        Assert.NotNull(await Store.GetAsync(Alice, added.Id));

        Assert.True(await Store.DeleteAsync(Alice, added.Id));
        Assert.Null(await Store.GetAsync(Alice, added.Id));
        Assert.False(await Store.DeleteAsync(Alice, added.Id));
        Assert.Equal([kept.Id], (await Store.ListAsync(Alice)).Select(i => i.Id));
    }

    [Fact]
    public async Task Delete_frees_the_external_account_for_a_new_connection()
    {
        var added = await Store.AddAsync(Minimal(Alice, "google", "acct-1"));
        await Store.DeleteAsync(Alice, added.Id);

        var again = await Store.AddAsync(Minimal(Alice, "google", "acct-1"));

        Assert.Equal(again.Id, (await Store.FindByExternalAccountAsync(Alice, "google", "acct-1"))?.Id);
    }

    [Fact]
    public async Task Expiring_lists_only_active_integrations_holding_a_refresh_token_that_expire_before_the_limit_soonest_first()
    {
        var limit = Start.AddMinutes(15);
        var later = await AddWithTokensAsync(Alice, Start.AddMinutes(10));
        var soonest = await AddWithTokensAsync(Bob, Start.AddMinutes(-5));
        var middle = await AddWithTokensAsync(AliceNoTenant, Start.AddMinutes(1));
        await AddWithTokensAsync(Alice, limit);                                     // not before the limit
        await AddWithTokensAsync(Alice, Start.AddMinutes(20));                      // after the limit
        await AddWithTokensAsync(Alice, Start.AddMinutes(2), hasRefreshToken: false);
        await AddWithTokensAsync(Alice, Start.AddMinutes(3), IntegrationStatus.ReauthorizationRequired);
        await AddWithTokensAsync(Alice, Start.AddMinutes(3), IntegrationStatus.Disabled);
        await AddWithTokensAsync(Alice, Start.AddMinutes(3), IntegrationStatus.Error);
        await AddWithTokensAsync(Alice, Start.AddMinutes(3), IntegrationStatus.Revoked);
        await AddWithTokensAsync(Alice, expiresAt: null);
        await Store.AddAsync(Minimal(Alice));                                        // no tokens at all

        var expiring = await Store.ListExpiringForBackgroundAsync(limit, 100);

        Assert.Equal([soonest.Id, middle.Id, later.Id], expiring.Select(i => i.Id));
        AssertEquivalent(later, expiring[2]);
    }

    [Fact]
    public async Task Expiring_returns_at_most_the_limit_soonest_first()
    {
        var added = new List<Integration>();
        for (var i = 9; i >= 0; i--)
        {
            added.Add(await AddWithTokensAsync(Alice, Start.AddSeconds(i)));
        }

        var expiring = await Store.ListExpiringForBackgroundAsync(Start.AddHours(1), 3);

        Assert.Equal(added.OrderBy(i => i.Tokens!.AccessTokenExpiresAt).Take(3).Select(i => i.Id), expiring.Select(i => i.Id));
    }

    [Fact]
    public async Task Due_for_sync_lists_active_integrations_due_at_or_before_now_most_overdue_first()
    {
        var now = Start;
        var dueNow = await Store.AddAsync(Minimal(Alice) with { NextSyncAt = now });
        var overdue = await Store.AddAsync(Minimal(Bob) with { NextSyncAt = now.AddHours(-3) });
        var slightlyOverdue = await Store.AddAsync(Minimal(AliceElsewhere) with { NextSyncAt = now.AddMinutes(-1) });
        await Store.AddAsync(Minimal(Alice) with { NextSyncAt = now.AddTicks(10) });
        await Store.AddAsync(Minimal(Alice) with { NextSyncAt = null });
        await Store.AddAsync(Minimal(Alice) with { NextSyncAt = now.AddHours(-5), Status = IntegrationStatus.Disabled });
        await Store.AddAsync(Minimal(Alice) with { NextSyncAt = now.AddHours(-5), Status = IntegrationStatus.ReauthorizationRequired });
        await Store.AddAsync(Minimal(Alice) with { NextSyncAt = now.AddHours(-5), Status = IntegrationStatus.Error });
        await Store.AddAsync(Minimal(Alice) with { NextSyncAt = now.AddHours(-5), Status = IntegrationStatus.Revoked });

        var due = await Store.ListDueForSyncForBackgroundAsync(now, 100);

        Assert.Equal([overdue.Id, slightlyOverdue.Id, dueNow.Id], due.Select(i => i.Id));
    }

    [Fact]
    public async Task Due_for_sync_returns_at_most_the_limit_most_overdue_first()
    {
        var added = new List<Integration>();
        for (var i = 0; i < 10; i++)
        {
            added.Add(await Store.AddAsync(Minimal(Alice) with { NextSyncAt = Start.AddMinutes(-(i * 7 % 10)) }));
        }

        var due = await Store.ListDueForSyncForBackgroundAsync(Start, 4);

        Assert.Equal(added.OrderBy(i => i.NextSyncAt).Take(4).Select(i => i.Id), due.Select(i => i.Id));
    }

    private Task<Integration> AddWithTokensAsync(
        IntegrationOwner owner,
        DateTimeOffset? expiresAt,
        IntegrationStatus status = IntegrationStatus.Active,
        bool hasRefreshToken = true) =>
        Store.AddAsync(Minimal(owner) with
        {
            Status = status,
            Tokens = new ProtectedTokenSet("CfDJ8-" + Guid.NewGuid().ToString("N"), expiresAt, hasRefreshToken),
        });
}
