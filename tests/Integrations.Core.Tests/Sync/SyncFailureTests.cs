using System.Net;
using Integrations.Core.Tests.Sync.Support;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Sync;

/// <summary>Behaviour 6: item failures are recorded and the run goes on; provider failures end it with a code.</summary>
public sealed class SyncFailureTests
{
    [Fact]
    public async Task Failing_items_are_recorded_and_the_run_partially_succeeds()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(12);
        var poisoned = new HashSet<string> { seeded[2].Id, seeded[7].Id };
        world.Local.BeforeApply = change => poisoned.Contains(change.ExternalId)
            ? throw new IntegrationException(IntegrationErrorCode.InvalidRequest, $"cannot store {change.ExternalId}")
            : Task.CompletedTask;

        var run = await world.SyncAsync();

        Assert.Equal(SyncRunStatus.PartiallySucceeded, run.Status);
        Assert.Equal((12, 10, 2), (run.Local.Processed, run.Local.Created, run.Local.Failed));
        Assert.Equal(poisoned.Order(), run.Errors.Select(e => e.ItemId).Order());
        Assert.All(run.Errors, e =>
        {
            Assert.Equal(SyncSide.Local, e.Side);
            Assert.Equal(IntegrationErrorCode.InvalidRequest, e.Code);
            Assert.Equal($"cannot store {e.ItemId}", e.Message);
        });
        Assert.NotNull((await world.StateAsync())!.Cursor);
    }

    [Fact]
    public async Task Only_the_first_item_errors_are_recorded_but_all_are_counted()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(12);
        world.Local.BeforeApply = _ => throw new InvalidOperationException("nope");
        var host = world.CreateHost(o => { o.MaxRecordedItemErrors = 3; o.MaxConsecutiveItemFailures = 0; });

        var run = (await host.Engine.RunAsync(world.Key, new SyncRequest())).Single();

        Assert.Equal(12, run.Local.Failed);
        Assert.Equal(3, run.Errors.Count);
        Assert.All(run.Errors, e => Assert.Equal(IntegrationErrorCode.Unknown, e.Code));
    }

    [Fact]
    public async Task A_rate_limit_fails_the_run_with_the_time_it_may_resume()
    {
        await using var world = await SyncWorld.CreateAsync(s => s with { SyncInterval = TimeSpan.FromMinutes(1) });
        world.Server.Seed(25);
        world.Server.Intercept = null;
        await world.SyncAsync(new SyncRequest { DateRange = null });
        world.Server.Create(new SandboxItemData("new"));
        world.Server.FailNextRequests(HttpStatusCode.TooManyRequests, kinds: SandboxRequestKind.List, retryAfter: TimeSpan.FromMinutes(5));
        var now = world.Time.GetUtcNow();

        var run = await world.SyncAsync();

        Assert.Equal(SyncRunStatus.Failed, run.Status);
        Assert.Equal(IntegrationErrorCode.RateLimitExceeded, run.ErrorCode);
        Assert.Equal(now + TimeSpan.FromMinutes(5), run.ResumeAt);
        var integration = await world.ReloadIntegrationAsync();
        Assert.Equal(run.ResumeAt, integration.NextSyncAt);
        Assert.Equal(IntegrationErrorCode.RateLimitExceeded, integration.Health.LastErrorCode);
    }

    [Fact]
    public async Task A_server_error_fails_the_run_as_provider_unavailable_and_keeps_the_cursor()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(3);
        var initial = await world.SyncAsync();
        world.Server.FailNextRequests(HttpStatusCode.InternalServerError);

        var run = await world.SyncAsync();

        Assert.Equal((SyncRunStatus.Failed, IntegrationErrorCode.ProviderUnavailable), (run.Status, run.ErrorCode));
        Assert.Equal(initial.CursorAfter, run.CursorAfter);
        Assert.Equal(initial.CursorAfter, (await world.StateAsync())!.Cursor);
    }

    [Fact]
    public async Task Reauthorization_required_stops_the_run_marks_the_integration_and_skips_the_other_resources()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Seed(3);
        world.Server.TokenValidator = _ => false;
        var host = world.CreateHost(builder: b => b
            .AddSandboxSync(world.Server, o => o.Resource = "notes")
            .AddSyncResource<SandboxItemData, LocalItemStore>("notes"));

        var runs = await host.Engine.RunAsync(world.Key, new SyncRequest());

        Assert.Equal(["items", "notes"], runs.Select(r => r.Resource));
        Assert.All(runs, r => Assert.Equal((SyncRunStatus.Failed, IntegrationErrorCode.ReauthorizationRequired), (r.Status, r.ErrorCode)));
        Assert.Equal(1, world.Server.RequestCount());
        var integration = await world.ReloadIntegrationAsync();
        Assert.Equal(IntegrationStatus.ReauthorizationRequired, integration.Status);
        Assert.Single(world.Events.Events, e => e.Type == IntegrationEventType.ReauthorizationRequired);
        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Engine.RunAsync(world.Key, new SyncRequest()));
        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
    }

    [Fact]
    public async Task Marking_the_integration_retries_a_lost_concurrency_race()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.TokenValidator = _ => false;
        var racing = new RacingIntegrationStore(world.Integrations) { ConflictsLeft = 2 };
        var host = world.CreateHost(services: s => s.AddSingleton<IIntegrationStore>(racing));

        await host.Engine.RunAsync(world.Key, new SyncRequest());

        Assert.Equal(0, racing.ConflictsLeft);
        Assert.Equal(IntegrationStatus.ReauthorizationRequired, (await world.ReloadIntegrationAsync()).Status);
    }

    [Fact]
    public async Task An_integration_marked_already_is_not_marked_again()
    {
        await using var world = await SyncWorld.CreateAsync();
        world.Server.Intercept = _ =>
        {
            // The token provider found out first and marked it.
            var current = world.Integrations.GetForBackgroundAsync(world.Integration.Id).Result!;
            world.Integrations.UpdateAsync(current with { Status = IntegrationStatus.ReauthorizationRequired }).Wait();
            return new HttpResponseMessage(HttpStatusCode.Unauthorized);
        };

        var run = await world.SyncAsync();

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, run.ErrorCode);
        Assert.Empty(world.Events.Events);
        Assert.Equal(IntegrationStatus.ReauthorizationRequired, (await world.ReloadIntegrationAsync()).Status);
    }

    [Fact]
    public async Task A_local_change_the_provider_refuses_fails_that_item_only()
    {
        await using var world = await SyncWorld.CreateAsync();
        var seeded = world.Server.Seed(3);
        await world.SyncAsync();
        world.Server.FailWritesTo(seeded[1].Id, HttpStatusCode.BadRequest);
        world.Local.Update(world.Local.FindByExternalId(seeded[0].Id)!.LocalId, new SandboxItemData("ok"));
        var refused = world.Local.FindByExternalId(seeded[1].Id)!.LocalId;
        world.Local.Update(refused, new SandboxItemData("refused"));

        var run = await world.SyncAsync();

        Assert.Equal(SyncRunStatus.PartiallySucceeded, run.Status);
        Assert.Equal((1, 1), (run.Remote.Updated, run.Remote.Failed));
        var error = Assert.Single(run.Errors);
        Assert.Equal((SyncSide.Remote, refused, IntegrationErrorCode.InvalidRequest), (error.Side, error.ItemId, error.Code));
        Assert.Equal("ok", world.Server.Get(seeded[0].Id)!.Data!.Title);
    }

    [Fact]
    public async Task A_provider_outage_during_the_push_fails_the_run()
    {
        await using var world = await SyncWorld.CreateAsync();
        await world.SyncAsync();
        world.Local.Create(new SandboxItemData("a"));
        world.Local.Create(new SandboxItemData("b"));
        world.Server.FailNextRequests(HttpStatusCode.ServiceUnavailable, count: 5, kinds: SandboxRequestKind.Writes);

        var run = await world.SyncAsync();

        Assert.Equal((SyncRunStatus.Failed, IntegrationErrorCode.ProviderUnavailable), (run.Status, run.ErrorCode));
        Assert.Equal(1, world.Server.RequestCount(SandboxRequestKind.Writes));

        world.Server.ClearFaults();
        var retry = await world.SyncAsync();
        Assert.Equal(2, retry.Remote.Created);
        Assert.Equal(0, retry.Remote.Updated);
        Assert.Equal(2, world.Server.Items.Count);
    }

    /// <summary>Loses the next optimistic-concurrency races, as if another writer changed the integration first.</summary>
    private sealed class RacingIntegrationStore(IIntegrationStore inner) : IIntegrationStore
    {
        public int ConflictsLeft { get; set; }

        public Task<Integration> UpdateAsync(Integration integration, CancellationToken cancellationToken = default)
        {
            if (ConflictsLeft > 0)
            {
                ConflictsLeft--;
                throw new IntegrationException(IntegrationErrorCode.ConcurrencyConflict, "lost the race");
            }

            return inner.UpdateAsync(integration, cancellationToken);
        }

        public Task<Integration?> GetAsync(IntegrationOwner owner, Guid id, CancellationToken cancellationToken = default) => inner.GetAsync(owner, id, cancellationToken);

        public Task<Integration?> GetForBackgroundAsync(Guid id, CancellationToken cancellationToken = default) => inner.GetForBackgroundAsync(id, cancellationToken);

        public Task<IReadOnlyList<Integration>> ListAsync(IntegrationOwner owner, IntegrationFilter? filter = null, CancellationToken cancellationToken = default) => inner.ListAsync(owner, filter, cancellationToken);

        public Task<Integration?> FindByExternalAccountAsync(IntegrationOwner owner, string provider, string externalAccountId, CancellationToken cancellationToken = default) => inner.FindByExternalAccountAsync(owner, provider, externalAccountId, cancellationToken);

        public Task<IReadOnlyList<Integration>> FindByExternalAccountForBackgroundAsync(string provider, string externalAccountId, CancellationToken cancellationToken = default) => inner.FindByExternalAccountForBackgroundAsync(provider, externalAccountId, cancellationToken);

        public Task<Integration> AddAsync(Integration integration, CancellationToken cancellationToken = default) => inner.AddAsync(integration, cancellationToken);

        public Task<bool> DeleteAsync(IntegrationOwner owner, Guid id, CancellationToken cancellationToken = default) => inner.DeleteAsync(owner, id, cancellationToken);

        public Task<IReadOnlyList<Integration>> ListExpiringForBackgroundAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default) => inner.ListExpiringForBackgroundAsync(before, limit, cancellationToken);

        public Task<IReadOnlyList<Integration>> ListDueForSyncForBackgroundAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) => inner.ListDueForSyncForBackgroundAsync(now, limit, cancellationToken);
    }
}
