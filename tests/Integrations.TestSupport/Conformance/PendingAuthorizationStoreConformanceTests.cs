using Xunit;
using static Integrations.TestSupport.Conformance.StoreTestData;

namespace Integrations.TestSupport.Conformance;

/// <summary>
/// The behaviour every <see cref="IPendingAuthorizationStore"/> must have. A store implementation's
/// test class inherits this and supplies <see cref="StoreConformanceTests{TStore}.CreateStoreAsync"/>.
/// </summary>
public abstract class PendingAuthorizationStoreConformanceTests : StoreConformanceTests<IPendingAuthorizationStore>
{
    private static readonly IntegrationOwner Alice = new("acme", "alice");

    [Fact]
    public async Task Added_authorization_round_trips_every_field()
    {
        var pending = Pending(Alice);

        await Store.AddAsync(pending);

        AssertEquivalent(pending, await Store.GetAsync(pending.StateHash));
    }

    [Fact]
    public async Task Authorization_with_only_required_fields_round_trips()
    {
        var pending = new PendingAuthorization
        {
            StateHash = "state-min",
            UserId = "alice",
            Provider = "google",
            RedirectUri = new Uri("http://127.0.0.1:5000/callback"),
            ProtectedCodeVerifier = "CfDJ8-v",
            CreatedAt = Start,
            ExpiresAt = Start.AddMinutes(10),
        };

        await Store.AddAsync(pending);

        var stored = await Store.GetAsync("state-min");
        AssertEquivalent(pending, stored);
        Assert.Null(stored!.TenantId);
        Assert.Empty(stored.Scopes);
        Assert.Empty(stored.Properties);
    }

    [Fact]
    public async Task Get_of_an_unknown_state_finds_nothing()
    {
        await Store.AddAsync(Pending(Alice));

        Assert.Null(await Store.GetAsync("unknown"));
    }

    [Fact]
    public async Task Get_does_not_consume_the_authorization()
    {
        var pending = Pending(Alice);
        await Store.AddAsync(pending);

        await Store.GetAsync(pending.StateHash);

        Assert.NotNull(await Store.GetAsync(pending.StateHash));
        Assert.True(await Store.TryConsumeAsync(pending.StateHash));
    }

    [Fact]
    public async Task Adding_an_existing_state_fails_with_InvalidState_and_keeps_the_first()
    {
        var first = Pending(Alice);
        await Store.AddAsync(first);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => Store.AddAsync(Pending(new IntegrationOwner("evil", "mallory")) with { StateHash = first.StateHash }));

        Assert.Equal(IntegrationErrorCode.InvalidState, error.Code);
        AssertEquivalent(first, await Store.GetAsync(first.StateHash));
    }

    [Fact]
    public async Task Consume_succeeds_once_and_removes_the_authorization()
    {
        var pending = Pending(Alice);
        var other = Pending(Alice);
        await Store.AddAsync(pending);
        await Store.AddAsync(other);

        Assert.True(await Store.TryConsumeAsync(pending.StateHash));
        Assert.Null(await Store.GetAsync(pending.StateHash));
        Assert.False(await Store.TryConsumeAsync(pending.StateHash));
        Assert.NotNull(await Store.GetAsync(other.StateHash));
    }

    [Fact]
    public async Task Consume_of_an_unknown_state_returns_false()
    {
        Assert.False(await Store.TryConsumeAsync("unknown"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    public async Task Concurrent_consumers_of_one_state_exactly_one_wins(int callers)
    {
        var pending = Pending(Alice);
        await Store.AddAsync(pending);

        var results = await Race.RunAsync(callers, _ => Store.TryConsumeAsync(pending.StateHash));

        Assert.Single(results, r => r);
        Assert.Null(await Store.GetAsync(pending.StateHash));
    }

    [Fact]
    public async Task Delete_expired_removes_only_authorizations_that_expired_before_the_cut_off_and_counts_them()
    {
        var cutOff = Start.AddMinutes(10);
        var expired1 = Pending(Alice, cutOff.AddMinutes(-5));
        var expired2 = Pending(Alice, cutOff.AddTicks(-10));
        var atCutOff = Pending(Alice, cutOff);
        var valid = Pending(Alice, cutOff.AddMinutes(5));
        foreach (var p in new[] { expired1, expired2, atCutOff, valid })
        {
            await Store.AddAsync(p);
        }

        Assert.Equal(2, await Store.DeleteExpiredAsync(cutOff));

        Assert.Null(await Store.GetAsync(expired1.StateHash));
        Assert.Null(await Store.GetAsync(expired2.StateHash));
        Assert.NotNull(await Store.GetAsync(atCutOff.StateHash));
        Assert.NotNull(await Store.GetAsync(valid.StateHash));
        Assert.Equal(0, await Store.DeleteExpiredAsync(cutOff));
    }
}
