using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport;
using Integrations.TestSupport.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// Two host processes on one database, modelled as two service providers: separate context pools,
/// separate connections, one database. What one process writes, the other must respect.
/// </summary>
public sealed class CrossProcessTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(StoreTestData.Start);
    private ServiceProvider _first = null!;
    private ServiceProvider _second = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        _first = database.CreateServices(_time);
        _second = database.CreateServices(_time);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task An_update_based_on_a_version_another_process_replaced_fails_with_ConcurrencyConflict()
    {
        var owner = new IntegrationOwner("acme", "alice");
        var added = await Store(_first).AddAsync(StoreTestData.Minimal(owner));
        var readByFirst = await Store(_first).GetAsync(owner, added.Id);
        var readBySecond = await Store(_second).GetAsync(owner, added.Id);

        var saved = await Store(_first).UpdateAsync(readByFirst! with { DisplayName = "first process" });
        var error = await Assert.ThrowsAsync<IntegrationException>(() => Store(_second).UpdateAsync(readBySecond! with { DisplayName = "second process" }));

        Assert.Equal(IntegrationErrorCode.ConcurrencyConflict, error.Code);
        Assert.Equal(added.Id, error.IntegrationId);
        StoreTestData.AssertEquivalent(saved, await Store(_second).GetAsync(owner, added.Id));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public async Task Two_processes_racing_for_one_lease_exactly_one_wins(int callersPerProcess)
    {
        for (var round = 0; round < 5; round++)
        {
            var key = $"refresh:{Guid.NewGuid()}";

            var leases = await Race.RunAsync(2 * callersPerProcess, i =>
                Leases(i % 2 == 0 ? _first : _second).TryAcquireAsync(key, TimeSpan.FromSeconds(60)));

            Assert.Single(leases, l => l is not null);
        }
    }

    [Fact]
    public async Task The_lease_of_a_crashed_process_expires_and_another_process_takes_it()
    {
        var key = $"refresh:{Guid.NewGuid()}";
        var crashed = await Leases(_first).TryAcquireAsync(key, TimeSpan.FromSeconds(60));
        await _first.DisposeAsync(); // the holder dies without releasing
        _first = database.CreateServices(_time);

        Assert.Null(await Leases(_second).TryAcquireAsync(key, TimeSpan.FromSeconds(60)));
        _time.Advance(TimeSpan.FromSeconds(60));
        var taken = await Leases(_second).TryAcquireAsync(key, TimeSpan.FromSeconds(60));

        Assert.NotNull(taken);
        Assert.NotEqual(crashed!.Holder, taken.Holder);
        Assert.Null(await Leases(_first).RenewAsync(crashed, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task A_pending_authorization_is_consumed_by_exactly_one_of_two_processes()
    {
        var pending = StoreTestData.Pending(new IntegrationOwner("acme", "alice"));
        await Authorizations(_first).AddAsync(pending);

        var results = await Race.RunAsync(20, i => Authorizations(i % 2 == 0 ? _first : _second).TryConsumeAsync(pending.StateHash));

        Assert.Single(results, r => r);
    }

    private static IIntegrationStore Store(IServiceProvider services) => services.GetRequiredService<IIntegrationStore>();

    private static ILeaseStore Leases(IServiceProvider services) => services.GetRequiredService<ILeaseStore>();

    private static IPendingAuthorizationStore Authorizations(IServiceProvider services) => services.GetRequiredService<IPendingAuthorizationStore>();
}
