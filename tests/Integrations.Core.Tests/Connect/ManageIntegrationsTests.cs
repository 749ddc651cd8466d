using System.Collections.Immutable;
using System.Net;
using Integrations.Core.Tests.Providers.Support;
using Integrations.Core.Tests.Tokens;
using Integrations.Internal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using static Integrations.Core.Tests.Connect.ConnectTestData;

namespace Integrations.Core.Tests.Connect;

public sealed class ManageIntegrationsTests
{
    [Fact]
    public async Task Listing_returns_only_the_owners_integrations_filtered_by_provider_and_status()
    {
        using var host = ProviderTestHost.OAuth2();
        var work = await host.AddIntegrationAsync(Alice, "work");
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var home = await host.AddIntegrationAsync(Alice, "home", IntegrationStatus.ReauthorizationRequired);
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var strava = await host.AddIntegrationAsync(Alice, "runner", provider: "strava");
        await host.AddIntegrationAsync(Bob, "work");

        Assert.Equal([work.Id, home.Id, strava.Id], (await host.Manager.ListAsync(Alice)).Select(i => i.Id));
        Assert.Equal([work.Id, home.Id], (await host.Manager.ListAsync(Alice, new IntegrationFilter { Provider = ProviderTestHost.OAuth2Name })).Select(i => i.Id));
        Assert.Equal([home.Id], (await host.Manager.ListAsync(Alice, new IntegrationFilter { Status = IntegrationStatus.ReauthorizationRequired })).Select(i => i.Id));
    }

    [Fact]
    public async Task Another_owners_integration_is_not_found_and_left_untouched()
    {
        using var host = ProviderTestHost.OAuth2();
        var revocation = host.Record(HttpMethod.Post, OAuthFixtures.RevocationEndpoint, HttpStatusCode.OK, "");
        var alices = await host.AddIntegrationAsync(Alice, "work");
        var asBob = new IntegrationKey(alices.Id, Bob);

        var errors = new[]
        {
            await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.GetAsync(asBob)),
            await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.RenameAsync(asBob, "mine now")),
            await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.UpdateSettingsAsync(asBob, new IntegrationSettings { AutoSync = false })),
            await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.DeactivateAsync(asBob)),
            await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.DisconnectAsync(asBob)),
        };

        Assert.All(errors, e => Assert.Equal(IntegrationErrorCode.IntegrationNotFound, e.Code));
        Assert.Equal(alices, await host.Store.GetAsync(Alice, alices.Id));
        Assert.Equal(0, revocation.Count);
        Assert.Empty(host.Events.Events);
    }

    [Fact]
    public async Task Rename_settings_and_metadata_change_only_their_field_and_raise_updated()
    {
        using var host = ProviderTestHost.OAuth2();
        var integration = await host.AddIntegrationAsync(Alice, "work");
        host.Time.Advance(TimeSpan.FromMinutes(5));
        var settings = new IntegrationSettings { SyncDirection = SyncDirection.Both, AutoSync = false, Properties = ImmutableDictionary<string, string>.Empty.Add("calendarId", "primary") };

        await host.Manager.RenameAsync(integration.Key, "  Work calendar ");
        await host.Manager.UpdateSettingsAsync(integration.Key, settings);
        var updated = await host.Manager.UpdateMetadataAsync(integration.Key, ImmutableDictionary<string, string>.Empty.Add("crmId", "42"));

        Assert.Equal("Work calendar", updated.DisplayName);
        Assert.Equal(settings, updated.Settings);
        Assert.Equal("42", updated.Metadata["crmId"]);
        Assert.Equal(integration.Tokens, updated.Tokens);
        Assert.Equal(integration.Status, updated.Status);
        Assert.Equal(host.Time.GetUtcNow(), updated.UpdatedAt);
        Assert.Equal(4, updated.Version);
        Assert.Equal([IntegrationEventType.Updated, IntegrationEventType.Updated, IntegrationEventType.Updated], host.Events.Events.Select(e => e.Type));
    }

    [Fact]
    public async Task Bad_updates_are_rejected_before_anything_is_read()
    {
        using var host = ProviderTestHost.OAuth2();
        var integration = await host.AddIntegrationAsync(Alice, "work");

        await Assert.ThrowsAsync<ArgumentException>(() => host.Manager.RenameAsync(integration.Key, "   "));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Manager.UpdateSettingsAsync(integration.Key, new IntegrationSettings { SyncInterval = TimeSpan.Zero }));
        Assert.Equal(integration, await host.Store.GetAsync(Alice, integration.Id));
    }

    [Fact]
    public async Task An_update_that_loses_a_race_reads_again_and_keeps_the_other_writers_change()
    {
        var racing = new TestIntegrationStore();
        using var host = ProviderTestHost.OAuth2(services: s => s.AddSingleton<IIntegrationStore>(racing));
        var integration = await host.AddIntegrationAsync(Alice, "work");
        racing.BeforeUpdate = async _ =>
        {
            racing.BeforeUpdate = null;
            var current = (await racing.Inner.GetAsync(Alice, integration.Id))!;
            await racing.Inner.UpdateAsync(current with { Metadata = current.Metadata.Add("from", "other process") });
        };

        var renamed = await host.Manager.RenameAsync(integration.Key, "Renamed");

        Assert.Equal("Renamed", renamed.DisplayName);
        Assert.Equal("other process", renamed.Metadata["from"]);
        Assert.Equal(renamed, await host.Store.GetAsync(Alice, integration.Id));
    }

    [Fact]
    public async Task Deactivate_disables_forgets_the_cached_token_and_reactivate_restores()
    {
        using var host = ProviderTestHost.OAuth2();
        var integration = await host.AddIntegrationAsync(Alice, "work");
        var cache = host.Services.GetRequiredService<AccessTokenCache>();
        TokenCacheProbe.CacheSomeToken(cache, integration);

        var disabled = await host.Manager.DeactivateAsync(integration.Key);
        var again = await host.Manager.DeactivateAsync(integration.Key);
        var reactivated = await host.Manager.ReactivateAsync(integration.Key);

        Assert.Equal(IntegrationStatus.Disabled, disabled.Status);
        Assert.Equal(disabled, again);
        Assert.False(cache.TryGet(integration.Id, out _));
        Assert.Equal(IntegrationStatus.Active, reactivated.Status);
        Assert.Equal(integration.Tokens, reactivated.Tokens);
        Assert.Equal([IntegrationEventType.StatusChanged, IntegrationEventType.StatusChanged], host.Events.Events.Select(e => e.Type));
    }

    [Theory]
    [InlineData(IntegrationStatus.ReauthorizationRequired)]
    [InlineData(IntegrationStatus.Revoked)]
    public async Task Only_a_deactivated_integration_can_be_reactivated(IntegrationStatus status)
    {
        using var host = ProviderTestHost.OAuth2();
        var integration = await host.AddIntegrationAsync(Alice, "work", status);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.ReactivateAsync(integration.Key));

        Assert.Equal(IntegrationErrorCode.InvalidRequest, error.Code);
        Assert.Equal(status, (await host.Store.GetAsync(Alice, integration.Id))!.Status);
    }

    [Fact]
    public async Task Disconnect_revokes_the_grant_deletes_the_integration_and_raises_disconnected()
    {
        using var host = ProviderTestHost.OAuth2();
        var revocation = host.Record(HttpMethod.Post, OAuthFixtures.RevocationEndpoint, HttpStatusCode.OK, "");
        var integration = await host.AddIntegrationAsync(Alice, "work");
        var cache = host.Services.GetRequiredService<AccessTokenCache>();
        TokenCacheProbe.CacheSomeToken(cache, integration);

        await host.Manager.DisconnectAsync(integration.Key);

        Assert.Equal(new Dictionary<string, string> { ["token"] = "rt-work", ["token_type_hint"] = "refresh_token" }, revocation.Form);
        Assert.Null(await host.Store.GetAsync(Alice, integration.Id));
        Assert.False(cache.TryGet(integration.Id, out _));
        var disconnected = Assert.Single(host.Events.Events);
        Assert.Equal(IntegrationEventType.Disconnected, disconnected.Type);
        Assert.Equal(integration, disconnected.Integration);
        await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.DisconnectAsync(integration.Key));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, """{"error":"server_error"}""")]
    [InlineData(HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"client authentication failed"}""")]
    [InlineData(HttpStatusCode.OK, "<html>maintenance</html>")]
    public async Task Disconnect_deletes_even_when_the_provider_refuses_the_revocation(HttpStatusCode status, string body)
    {
        using var host = ProviderTestHost.OAuth2();
        var revocation = host.Record(HttpMethod.Post, OAuthFixtures.RevocationEndpoint, status, body);
        var integration = await host.AddIntegrationAsync(Alice, "work");

        await host.Manager.DisconnectAsync(integration.Key);

        Assert.Equal(1, revocation.Count);
        Assert.Null(await host.Store.GetAsync(Alice, integration.Id));
        Assert.Equal(IntegrationEventType.Disconnected, Assert.Single(host.Events.Events).Type);
    }

    [Fact]
    public async Task Disconnect_with_unreadable_tokens_skips_the_revocation_and_deletes()
    {
        using var host = ProviderTestHost.OAuth2();
        var revocation = host.Record(HttpMethod.Post, OAuthFixtures.RevocationEndpoint, HttpStatusCode.OK, "");
        var integration = await host.AddIntegrationAsync(Alice, "work");

        // Protected under a key ring this host does not have (lost, or another deployment's).
        var foreignKeyRing = new DataProtectionTokenProtector(new EphemeralDataProtectionProvider(), host.Time);
        integration = await host.Store.UpdateAsync(integration with { Tokens = foreignKeyRing.Protect(Alice, new TokenSet("at-work") { RefreshToken = "rt-work" }) });

        await host.Manager.DisconnectAsync(integration.Key);

        Assert.Equal(0, revocation.Count);
        Assert.Null(await host.Store.GetAsync(Alice, integration.Id));
    }

    [Fact]
    public async Task Disconnect_of_a_provider_without_revocation_or_no_longer_registered_only_deletes()
    {
        using var host = ProviderTestHost.OAuth2(o => o.RevocationEndpoint = null);
        var integration = await host.AddIntegrationAsync(Alice, "work");
        var orphan = await host.AddIntegrationAsync(Alice, "old", provider: "removed-provider");

        await host.Manager.DisconnectAsync(integration.Key);
        await host.Manager.DisconnectAsync(orphan.Key);

        Assert.Empty(await host.Store.ListAsync(Alice));
        Assert.Equal(2, host.Events.Events.Count(e => e.Type == IntegrationEventType.Disconnected));
    }
}
