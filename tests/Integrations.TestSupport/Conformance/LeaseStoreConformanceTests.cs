using Xunit;

namespace Integrations.TestSupport.Conformance;

/// <summary>
/// The behaviour every <see cref="ILeaseStore"/> must have. A store implementation's test class
/// inherits this and supplies <see cref="StoreConformanceTests{TStore}.CreateStoreAsync"/>; the store must read "now" from the
/// <see cref="TimeProvider"/> it is given, which the tests move to expire leases.
/// </summary>
public abstract class LeaseStoreConformanceTests : StoreConformanceTests<ILeaseStore>
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    private static string NewKey() => "refresh:" + Guid.NewGuid();

    [Fact]
    public async Task Acquire_returns_a_lease_on_the_key_until_now_plus_duration()
    {
        var key = NewKey();

        var lease = await Store.TryAcquireAsync(key, Duration);

        Assert.NotNull(lease);
        Assert.Equal(key, lease.Key);
        Assert.False(string.IsNullOrEmpty(lease.Holder));
        Assert.Equal(Time.GetUtcNow() + Duration, lease.ExpiresAt);
    }

    [Fact]
    public async Task A_held_lease_cannot_be_acquired_until_it_expires()
    {
        var key = NewKey();
        await Store.TryAcquireAsync(key, Duration);

        Assert.Null(await Store.TryAcquireAsync(key, Duration));
        Time.Advance(Duration - TimeSpan.FromMilliseconds(1));
        Assert.Null(await Store.TryAcquireAsync(key, Duration));
    }

    [Fact]
    public async Task An_expired_lease_can_be_taken_by_another_holder()
    {
        var key = NewKey();
        var crashed = await Store.TryAcquireAsync(key, Duration);

        Time.Advance(Duration);
        var taken = await Store.TryAcquireAsync(key, Duration);

        Assert.NotNull(taken);
        Assert.NotEqual(crashed!.Holder, taken.Holder);
        Assert.Equal(Time.GetUtcNow() + Duration, taken.ExpiresAt);
        Assert.Null(await Store.TryAcquireAsync(key, Duration));
    }

    [Fact]
    public async Task Leases_on_different_keys_are_independent()
    {
        var first = await Store.TryAcquireAsync("refresh:a", Duration);
        var second = await Store.TryAcquireAsync("refresh:b", Duration);
        var third = await Store.TryAcquireAsync("sync:a:calendar-events", Duration);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotNull(third);
    }

    [Fact]
    public async Task Renew_by_the_holder_extends_the_lease_from_now()
    {
        var key = NewKey();
        var lease = await Store.TryAcquireAsync(key, Duration);
        Time.Advance(TimeSpan.FromSeconds(50));

        var renewed = await Store.RenewAsync(lease!, TimeSpan.FromSeconds(120));

        Assert.NotNull(renewed);
        Assert.Equal(lease!.Key, renewed.Key);
        Assert.Equal(lease.Holder, renewed.Holder);
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromSeconds(120), renewed.ExpiresAt);
        Time.Advance(TimeSpan.FromSeconds(119));
        Assert.Null(await Store.TryAcquireAsync(key, Duration));
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await Store.TryAcquireAsync(key, Duration));
    }

    [Fact]
    public async Task Renew_with_another_holder_returns_null_and_changes_nothing()
    {
        var key = NewKey();
        var lease = await Store.TryAcquireAsync(key, Duration);

        Assert.Null(await Store.RenewAsync(lease! with { Holder = "forged" }, TimeSpan.FromHours(1)));

        Time.Advance(Duration);
        Assert.NotNull(await Store.TryAcquireAsync(key, Duration));
    }

    [Fact]
    public async Task Renew_after_the_lease_expired_and_was_taken_returns_null()
    {
        var key = NewKey();
        var lost = await Store.TryAcquireAsync(key, Duration);
        Time.Advance(Duration + TimeSpan.FromSeconds(1));
        var taker = await Store.TryAcquireAsync(key, Duration);

        Assert.Null(await Store.RenewAsync(lost!, Duration));

        Assert.NotNull(await Store.RenewAsync(taker!, Duration));
    }

    [Fact]
    public async Task Renew_after_the_lease_expired_returns_null()
    {
        var lease = await Store.TryAcquireAsync(NewKey(), Duration);
        Time.Advance(Duration);

        Assert.Null(await Store.RenewAsync(lease!, Duration));
    }

    [Fact]
    public async Task Renew_of_a_released_lease_returns_null()
    {
        var lease = await Store.TryAcquireAsync(NewKey(), Duration);
        await Store.ReleaseAsync(lease!);

        Assert.Null(await Store.RenewAsync(lease!, Duration));
    }

    [Fact]
    public async Task Release_lets_another_holder_acquire_at_once()
    {
        var key = NewKey();
        var lease = await Store.TryAcquireAsync(key, Duration);

        await Store.ReleaseAsync(lease!);

        var next = await Store.TryAcquireAsync(key, Duration);
        Assert.NotNull(next);
        Assert.NotEqual(lease!.Holder, next.Holder);
    }

    [Fact]
    public async Task Release_with_another_holder_does_nothing()
    {
        var key = NewKey();
        var lease = await Store.TryAcquireAsync(key, Duration);

        await Store.ReleaseAsync(lease! with { Holder = "forged" });

        Assert.Null(await Store.TryAcquireAsync(key, Duration));
        Assert.NotNull(await Store.RenewAsync(lease!, Duration));
    }

    [Fact]
    public async Task Release_of_a_lost_lease_keeps_the_new_holders_lease()
    {
        var key = NewKey();
        var lost = await Store.TryAcquireAsync(key, Duration);
        Time.Advance(Duration);
        var current = await Store.TryAcquireAsync(key, Duration);

        await Store.ReleaseAsync(lost!);

        Assert.Null(await Store.TryAcquireAsync(key, Duration));
        Assert.NotNull(await Store.RenewAsync(current!, Duration));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    public async Task Concurrent_acquisitions_of_one_key_exactly_one_wins(int callers)
    {
        var key = NewKey();

        var leases = await Race.RunAsync(callers, _ => Store.TryAcquireAsync(key, Duration));

        var winner = Assert.Single(leases, l => l is not null);
        Assert.NotNull(await Store.RenewAsync(winner!, Duration));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(20)]
    public async Task Concurrent_takeovers_of_an_expired_lease_exactly_one_wins(int callers)
    {
        var key = NewKey();
        await Store.TryAcquireAsync(key, Duration);
        Time.Advance(Duration);

        var leases = await Race.RunAsync(callers, _ => Store.TryAcquireAsync(key, Duration));

        Assert.Single(leases, l => l is not null);
    }
}
