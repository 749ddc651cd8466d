using Integrations.Core.Tests.Sync.Support;
using Integrations.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Core.Tests.Sync;

/// <summary>Registration: options and registrations are validated when the engine starts.</summary>
public sealed class SyncRegistrationTests
{
    [Theory]
    [InlineData("renewal")]
    [InlineData("page")]
    [InlineData("lease")]
    public async Task Invalid_options_fail_at_start(string broken)
    {
        await using var world = await SyncWorld.CreateAsync();
        var host = world.CreateHost(o =>
        {
            switch (broken)
            {
                case "renewal":
                    o.LeaseRenewalInterval = o.LeaseDuration;
                    break;
                case "page":
                    o.PageSize = 0;
                    break;
                default:
                    o.LeaseDuration = TimeSpan.Zero;
                    break;
            }
        });

        Assert.Throws<OptionsValidationException>(() => host.Engine);
    }

    [Fact]
    public async Task A_second_source_for_the_same_provider_and_resource_fails_at_start()
    {
        await using var world = await SyncWorld.CreateAsync();
        var host = world.CreateHost(builder: b => b.AddSandboxSync(world.Server));

        var error = Assert.Throws<OptionsValidationException>(() => host.Engine);
        Assert.Contains("more than one source", error.Message);
    }

    [Fact]
    public async Task The_callback_policy_without_a_resolver_fails_at_start()
    {
        await using var world = await SyncWorld.CreateAsync();
        var host = world.CreateHost(resource: r => r.ConflictPolicy = SyncConflictPolicy.Callback);

        var error = Assert.Throws<OptionsValidationException>(() => host.Engine);
        Assert.Contains("ConflictResolver", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Calendar Events")]
    [InlineData("events/../x")]
    public void Resource_names_are_checked_when_registered(string resource)
    {
        var builder = new ServiceCollection().AddIntegrations();

        Assert.ThrowsAny<ArgumentException>(() => builder.AddSyncResource<SandboxItemData, LocalItemStore>(resource));
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["PageSize"] = "250", ["WhenAlreadyRunning"] = "Join", ["SyncOnConnect"] = "false" })
            .Build();
        var services = new ServiceCollection();
        services.AddIntegrations().AddSync(configuration);

        var options = services.BuildServiceProvider().GetRequiredService<IOptions<SyncOptions>>().Value;

        Assert.Equal((250, SyncAlreadyRunningBehavior.Join, false), (options.PageSize, options.WhenAlreadyRunning, options.SyncOnConnect));
    }

    [Fact]
    public void Hosts_can_replace_the_sync_stores()
    {
        var states = new InMemorySyncStateStore();
        var services = new ServiceCollection();
        services.AddSingleton<ISyncStateStore>(states);
        services.AddIntegrations().AddSync();

        Assert.Same(states, services.BuildServiceProvider().GetRequiredService<ISyncStateStore>());
    }
}
