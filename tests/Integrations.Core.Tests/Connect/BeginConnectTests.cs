using System.Collections.Immutable;
using Integrations.Core.Tests.Providers.Support;
using Integrations.Internal;
using Microsoft.Extensions.DependencyInjection;
using static Integrations.Core.Tests.Connect.ConnectTestData;

namespace Integrations.Core.Tests.Connect;

public sealed class BeginConnectTests
{
    [Fact]
    public async Task Begin_returns_a_url_with_random_state_and_S256_challenge_and_stores_only_the_state_hash()
    {
        using var host = ProviderTestHost.OAuth2();

        var start = await host.Manager.BeginConnectAsync(Request(Alice) with { DisplayName = "Work", Properties = ImmutableDictionary<string, string>.Empty.Add("returnUrl", "/settings") });

        var query = TestIdentityProvider.Query(start.AuthorizationUrl);
        Assert.Equal(start.State, query["state"]);
        Assert.Equal(43, start.State.Length);
        Assert.Equal(43, query["code_challenge"].Length);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal("profile email", query["scope"]);
        Assert.Equal(host.Time.GetUtcNow().AddMinutes(10), start.ExpiresAt);

        var pending = await host.PendingStore.GetAsync(ConnectSecrets.Sha256(start.State));
        Assert.NotNull(pending);
        Assert.Null(await host.PendingStore.GetAsync(start.State));
        Assert.Equal(Alice, pending.Owner);
        Assert.Equal(ProviderTestHost.OAuth2Name, pending.Provider);
        Assert.Equal(["profile", "email"], pending.Scopes.ToArray());
        Assert.Equal("Work", pending.DisplayName);
        Assert.Equal("/settings", pending.Properties["returnUrl"]);
        Assert.Equal(start.ExpiresAt, pending.ExpiresAt);
        Assert.NotNull(pending.Nonce);
        Assert.DoesNotContain(query["code_challenge"], pending.ProtectedCodeVerifier, StringComparison.Ordinal);
        Assert.True(pending.ProtectedCodeVerifier.Length > 64);
    }

    [Fact]
    public async Task Every_begin_gets_its_own_state_and_verifier()
    {
        using var host = ProviderTestHost.OAuth2();

        var first = await host.Manager.BeginConnectAsync(Request(Alice));
        var second = await host.Manager.BeginConnectAsync(Request(Alice));

        Assert.NotEqual(first.State, second.State);
        Assert.NotEqual(TestIdentityProvider.Query(first.AuthorizationUrl)["code_challenge"], TestIdentityProvider.Query(second.AuthorizationUrl)["code_challenge"]);
        Assert.Equal(2, await host.DrainPendingAsync());
    }

    [Fact]
    public async Task Requested_scopes_and_parameters_replace_the_defaults()
    {
        using var host = ProviderTestHost.OAuth2();

        var start = await host.Manager.BeginConnectAsync(Request(Alice) with
        {
            Scopes = ["openid", "offline_access"],
            LoginHint = "alice@example.test",
            ExtraParameters = ImmutableDictionary<string, string>.Empty.Add("prompt", "consent"),
        });

        var query = TestIdentityProvider.Query(start.AuthorizationUrl);
        Assert.Equal("openid offline_access", query["scope"]);
        Assert.Equal("consent", query["prompt"]);
        Assert.Equal("alice@example.test", query["login_hint"]);
    }

    [Fact]
    public async Task The_pending_authorization_lifetime_comes_from_the_options()
    {
        using var host = ProviderTestHost.OAuth2(services: s => s.Configure<IntegrationsOptions>(o => o.PendingAuthorizationLifetime = TimeSpan.FromMinutes(3)));

        var start = await host.Manager.BeginConnectAsync(Request(Alice));

        Assert.Equal(host.Time.GetUtcNow().AddMinutes(3), start.ExpiresAt);
    }

    [Fact]
    public async Task An_unknown_provider_stores_nothing()
    {
        using var host = ProviderTestHost.OAuth2();

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.BeginConnectAsync(Request(Alice, provider: "nope")));

        Assert.Equal(IntegrationErrorCode.ProviderNotSupported, error.Code);
        Assert.Equal(0, await host.DrainPendingAsync());
    }

    [Fact]
    public async Task A_provider_that_cannot_build_its_url_stores_nothing()
    {
        using var host = ProviderTestHost.OpenIdConnect();
        host.Record(HttpMethod.Get, TestIdentityProvider.DiscoveryUrl, System.Net.HttpStatusCode.InternalServerError, "");

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.BeginConnectAsync(Request(Alice, ProviderTestHost.OidcName)));

        Assert.Equal(IntegrationErrorCode.ProviderUnavailable, error.Code);
        Assert.Equal(0, await host.DrainPendingAsync());
    }

    [Theory]
    [InlineData("state")]
    [InlineData("redirect_uri")]
    [InlineData("code_challenge")]
    public async Task Extra_parameters_may_not_set_protocol_parameters(string name)
    {
        using var host = ProviderTestHost.OAuth2();

        await Assert.ThrowsAsync<ArgumentException>(() => host.Manager.BeginConnectAsync(Request(Alice) with
        {
            ExtraParameters = ImmutableDictionary<string, string>.Empty.Add(name, "x"),
        }));
        Assert.Equal(0, await host.DrainPendingAsync());
    }

    [Fact]
    public async Task Expired_pending_authorizations_are_cleaned_up_by_later_begins()
    {
        using var host = ProviderTestHost.OAuth2();
        await host.Manager.BeginConnectAsync(Request(Alice));

        host.Time.Advance(TimeSpan.FromMinutes(11));
        var fresh = await host.Manager.BeginConnectAsync(Request(Bob));

        Assert.NotNull(await host.PendingStore.GetAsync(ConnectSecrets.Sha256(fresh.State)));
        Assert.Equal(1, await host.DrainPendingAsync());
    }
}
