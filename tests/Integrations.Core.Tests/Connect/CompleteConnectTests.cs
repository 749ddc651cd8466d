using System.Buffers.Text;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Integrations.Core.Tests.Providers.Support;
using Integrations.Core.Tests.Tokens;
using Integrations.Internal;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using static Integrations.Core.Tests.Connect.ConnectTestData;

namespace Integrations.Core.Tests.Connect;

public sealed class CompleteConnectTests
{
    [Fact]
    public async Task Completing_exchanges_the_code_with_the_verifier_of_the_challenge_and_stores_protected_tokens()
    {
        using var host = ProviderTestHost.OAuth2();
        var (token, userInfo) = host.ServeProvider(OAuthFixtures.TokenResponse());
        var start = await host.Manager.BeginConnectAsync(Request(Alice) with { Properties = ImmutableDictionary<string, string>.Empty.Add("returnUrl", "/apps") });

        var result = await host.Manager.CompleteConnectAsync(Alice, Callback(start));

        var challenge = TestIdentityProvider.Query(start.AuthorizationUrl)["code_challenge"];
        var verifier = token.Form["code_verifier"];
        Assert.Equal(challenge, Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
        Assert.Equal(OAuthFixtures.RedirectUri, token.Form["redirect_uri"]);
        Assert.Equal("SplxlOBeZQQYbYS6WxSbIA", token.Form["code"]);
        Assert.Equal($"Bearer {OAuthFixtures.AccessToken}", userInfo.Request.Headers.Authorization!.ToString());

        var integration = result.Integration;
        Assert.True(result.IsNew);
        Assert.Equal("/apps", result.Properties["returnUrl"]);
        Assert.Equal(Alice, integration.Owner);
        Assert.Equal("alice", integration.Account.Id);
        Assert.Equal("Test User alice", integration.DisplayName);
        Assert.Equal(["openid", "profile", "email", "offline_access"], integration.GrantedScopes.ToArray());
        Assert.Equal(IntegrationStatus.Active, integration.Status);
        Assert.Equal(host.Time.GetUtcNow().AddSeconds(60), integration.Tokens!.AccessTokenExpiresAt);
        Assert.True(integration.Tokens.HasRefreshToken);
        Assert.DoesNotContain(OAuthFixtures.AccessToken, integration.Tokens.Ciphertext, StringComparison.Ordinal);
        Assert.Equal(OAuthFixtures.RefreshToken, host.TokenProtector.Unprotect(Alice, integration.Tokens).RefreshToken);
        Assert.Equal(integration, await host.Store.GetAsync(Alice, integration.Id));

        var connected = Assert.Single(host.Events.Events);
        Assert.Equal(IntegrationEventType.Connected, connected.Type);
        Assert.Equal(integration.Id, connected.Integration.Id);
        Assert.Equal(0, await host.DrainPendingAsync());
    }

    [Fact]
    public async Task The_display_name_is_the_requested_one_else_name_email_username_or_id()
    {
        using var host = ProviderTestHost.OAuth2();
        host.ServeProvider(OAuthFixtures.TokenResponse(), """{"sub":"248289761001","email":"jane@example.test"}""");

        var named = await host.Manager.BeginConnectAsync(Request(Alice) with { DisplayName = "  Work calendar " });
        var unnamed = await host.Manager.BeginConnectAsync(Request(Bob));

        Assert.Equal("Work calendar", (await host.Manager.CompleteConnectAsync(Alice, Callback(named))).Integration.DisplayName);
        Assert.Equal("jane@example.test", (await host.Manager.CompleteConnectAsync(Bob, Callback(unnamed))).Integration.DisplayName);
    }

    [Fact]
    public async Task A_replayed_state_is_rejected_and_the_code_is_not_sent_again()
    {
        using var host = ProviderTestHost.OAuth2();
        var (token, _) = host.ServeProvider(OAuthFixtures.TokenResponse());
        var start = await host.Manager.BeginConnectAsync(Request(Alice));
        await host.Manager.CompleteConnectAsync(Alice, Callback(start));
        var before = await host.Store.ListAsync(Alice);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.CompleteConnectAsync(Alice, Callback(start)));

        Assert.Equal(IntegrationErrorCode.InvalidState, error.Code);
        Assert.Equal(1, token.Count);
        Assert.Equal(before, await host.Store.ListAsync(Alice));
        Assert.Single(host.Events.Events);
    }

    [Fact]
    public async Task Concurrent_completions_of_one_state_exchange_the_code_once()
    {
        using var host = ProviderTestHost.OAuth2();
        var (token, _) = host.ServeProvider(OAuthFixtures.TokenResponse());
        var start = await host.Manager.BeginConnectAsync(Request(Alice));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await host.Manager.CompleteConnectAsync(Alice, Callback(start));
                return (IntegrationErrorCode?)null;
            }
            catch (IntegrationException ex)
            {
                return ex.Code;
            }
        }));

        Assert.Single(attempts, a => a is null);
        Assert.All(attempts.Where(a => a is not null), a => Assert.Equal(IntegrationErrorCode.InvalidState, a));
        Assert.Equal(1, token.Count);
        Assert.Single(await host.Store.ListAsync(Alice));
    }

    [Fact]
    public async Task An_expired_state_is_rejected_and_nothing_is_written()
    {
        using var host = ProviderTestHost.OAuth2();
        var (token, _) = host.ServeProvider(OAuthFixtures.TokenResponse());
        var start = await host.Manager.BeginConnectAsync(Request(Alice));

        host.Time.Advance(TimeSpan.FromMinutes(10));
        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.CompleteConnectAsync(Alice, Callback(start)));

        Assert.Equal(IntegrationErrorCode.InvalidState, error.Code);
        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, token.Count);
        Assert.Empty(await host.Store.ListAsync(Alice));
        Assert.Empty(host.Events.Events);
    }

    [Fact]
    public async Task Another_users_callback_is_rejected_without_burning_the_state()
    {
        using var host = ProviderTestHost.OAuth2();
        var (token, _) = host.ServeProvider(OAuthFixtures.TokenResponse());
        var start = await host.Manager.BeginConnectAsync(Request(Alice));

        var foreign = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.CompleteConnectAsync(Bob, Callback(start)));
        var otherTenant = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.CompleteConnectAsync(new IntegrationOwner("globex", Alice.UserId), Callback(start)));

        Assert.Equal(IntegrationErrorCode.InvalidState, foreign.Code);
        Assert.Equal(IntegrationErrorCode.InvalidState, otherTenant.Code);
        Assert.Equal(0, token.Count);
        Assert.Empty(await host.Store.ListAsync(Bob));
        Assert.Empty(await host.Store.ListAsync(Alice));
        Assert.True((await host.Manager.CompleteConnectAsync(Alice, Callback(start))).IsNew);
    }

    [Theory]
    [InlineData("?code=abc&state=aW52ZW50ZWQtc3RhdGUtdGhhdC1uZXZlci1leGlzdGVk")]
    [InlineData("?code=abc")]
    [InlineData("?code=abc&state=")]
    public async Task An_unknown_or_missing_state_is_rejected_and_nothing_is_written(string query)
    {
        using var host = ProviderTestHost.OAuth2();
        await host.Manager.BeginConnectAsync(Request(Alice));

        var error = await Assert.ThrowsAsync<IntegrationException>(() =>
            host.Manager.CompleteConnectAsync(Alice, ConnectCallback.FromUri(new Uri(OAuthFixtures.RedirectUri + query))));

        Assert.Equal(IntegrationErrorCode.InvalidState, error.Code);
        Assert.Empty(await host.Store.ListAsync(Alice));
        Assert.Equal(1, await host.DrainPendingAsync());
    }

    [Fact]
    public async Task A_refusal_at_the_provider_is_access_denied_and_consumes_the_state()
    {
        using var host = ProviderTestHost.OAuth2();
        var start = await host.Manager.BeginConnectAsync(Request(Alice));
        var callback = ConnectCallback.FromUri(new Uri($"{OAuthFixtures.RedirectUri}?error=access_denied&error_description=End-User+aborted+interaction&state={start.State}&iss=http%3A%2F%2F127.0.0.1%3A4455"));

        var denied = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.CompleteConnectAsync(Alice, callback));
        var replayed = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.CompleteConnectAsync(Alice, callback));

        Assert.Equal(IntegrationErrorCode.AccessDenied, denied.Code);
        Assert.Equal("access_denied", denied.ProviderError);
        Assert.Contains("End-User aborted interaction", denied.Message, StringComparison.Ordinal);
        Assert.Equal(IntegrationErrorCode.InvalidState, replayed.Code);
        Assert.Empty(await host.Store.ListAsync(Alice));
    }

    [Fact]
    public async Task Another_provider_error_is_an_oauth_error_with_its_code()
    {
        using var host = ProviderTestHost.OAuth2();
        var start = await host.Manager.BeginConnectAsync(Request(Alice));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.CompleteConnectAsync(Alice, ConnectCallback.FromUri(new Uri(
            $"{OAuthFixtures.RedirectUri}?error=invalid_request&error_description=Authorization+Server+policy+requires+PKCE+to+be+used+for+this+request&state={start.State}"))));

        Assert.Equal(IntegrationErrorCode.OAuthError, error.Code);
        Assert.Equal("invalid_request", error.ProviderError);
        Assert.Equal(ProviderTestHost.OAuth2Name, error.Provider);
        Assert.Empty(await host.Store.ListAsync(Alice));
    }

    public static TheoryData<HttpStatusCode, string, string, IntegrationErrorCode> ExchangeFailures => new()
    {
        { HttpStatusCode.BadRequest, "application/json", OAuthFixtures.InvalidGrant, IntegrationErrorCode.OAuthError },
        { HttpStatusCode.Unauthorized, "application/json", OAuthFixtures.InvalidClient, IntegrationErrorCode.InvalidCredentials },
        { HttpStatusCode.TooManyRequests, "application/json", "{}", IntegrationErrorCode.RateLimitExceeded },
        { HttpStatusCode.InternalServerError, "text/html", OAuthFixtures.HtmlPage, IntegrationErrorCode.ProviderUnavailable },
        { HttpStatusCode.OK, "text/html", OAuthFixtures.HtmlPage, IntegrationErrorCode.InvalidResponse },
        { HttpStatusCode.OK, "application/json", """{"token_type":"Bearer"}""", IntegrationErrorCode.InvalidResponse },
    };

    [Theory]
    [MemberData(nameof(ExchangeFailures))]
    public async Task A_failed_code_exchange_writes_nothing(HttpStatusCode status, string mediaType, string body, IntegrationErrorCode expected)
    {
        using var host = ProviderTestHost.OAuth2();
        host.RespondToToken(status, body, mediaType);
        var userInfo = host.Record(HttpMethod.Get, OAuthFixtures.UserInfoEndpoint, HttpStatusCode.OK, OAuthFixtures.UserInfo);
        var start = await host.Manager.BeginConnectAsync(Request(Alice));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.CompleteConnectAsync(Alice, Callback(start)));

        Assert.Equal(expected, error.Code);
        Assert.Equal(0, userInfo.Count);
        Assert.Empty(await host.Store.ListAsync(Alice));
        Assert.Empty(host.Events.Events);
    }

    [Fact]
    public async Task A_cancelled_completion_writes_nothing_and_is_not_a_provider_error()
    {
        using var host = ProviderTestHost.OAuth2();
        using var cancellation = new CancellationTokenSource();
        host.Http.When(HttpMethod.Post, OAuthFixtures.TokenEndpoint).Respond(_ =>
        {
            cancellation.Cancel();
            throw new TaskCanceledException("The operation was canceled.", null, cancellation.Token);
        });
        var start = await host.Manager.BeginConnectAsync(Request(Alice));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Manager.CompleteConnectAsync(Alice, Callback(start), cancellation.Token));

        Assert.Empty(await host.Store.ListAsync(Alice));
        Assert.Empty(host.Events.Events);
    }

    [Fact]
    public async Task A_failed_profile_read_writes_nothing()
    {
        using var host = ProviderTestHost.OAuth2();
        host.ServeProvider(OAuthFixtures.TokenResponse(), userInfo: """{"email":"no-subject@example.test"}""");
        var start = await host.Manager.BeginConnectAsync(Request(Alice));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.CompleteConnectAsync(Alice, Callback(start)));

        Assert.Equal(IntegrationErrorCode.InvalidResponse, error.Code);
        Assert.Empty(await host.Store.ListAsync(Alice));
    }

    [Fact]
    public async Task A_token_response_without_refresh_token_connects_without_one()
    {
        using var host = ProviderTestHost.OAuth2();
        host.ServeProvider(OAuthFixtures.TokenResponseWithoutRefreshToken);
        var start = await host.Manager.BeginConnectAsync(Request(Alice));

        var result = await host.Manager.CompleteConnectAsync(Alice, Callback(start));

        Assert.False(result.Integration.Tokens!.HasRefreshToken);
        Assert.Equal(["openid", "email"], result.Integration.GrantedScopes.ToArray());
    }

    [Fact]
    public async Task A_pending_authorization_whose_verifier_cannot_be_decrypted_is_an_invalid_state()
    {
        using var host = ProviderTestHost.OAuth2();
        var now = host.Time.GetUtcNow();
        await host.PendingStore.AddAsync(new PendingAuthorization
        {
            StateHash = ConnectSecrets.Sha256("known-state"),
            TenantId = Alice.TenantId,
            UserId = Alice.UserId,
            Provider = ProviderTestHost.OAuth2Name,
            RedirectUri = new Uri(OAuthFixtures.RedirectUri),
            ProtectedCodeVerifier = "CfDJ8-written-under-a-lost-key",
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(10),
        });

        var error = await Assert.ThrowsAsync<IntegrationException>(() =>
            host.Manager.CompleteConnectAsync(Alice, ConnectCallback.FromUri(new Uri($"{OAuthFixtures.RedirectUri}?code=c&state=known-state"))));

        Assert.Equal(IntegrationErrorCode.InvalidState, error.Code);
        Assert.Empty(await host.Store.ListAsync(Alice));
    }

    [Fact]
    public async Task Reconnecting_the_same_account_updates_the_integration_instead_of_adding_one()
    {
        using var host = ProviderTestHost.OAuth2();
        host.ServeProvider(OAuthFixtures.TokenResponse());
        var first = (await host.Manager.CompleteConnectAsync(Alice, Callback(await host.Manager.BeginConnectAsync(Request(Alice))))).Integration;
        var renamed = await host.Manager.RenameAsync(first.Key, "My account");
        await host.Store.UpdateAsync(renamed with
        {
            Status = IntegrationStatus.ReauthorizationRequired,
            Health = renamed.Health.WithError(IntegrationErrorCode.ReauthorizationRequired, "invalid_grant", host.Time.GetUtcNow()),
        });
        var cache = host.Services.GetRequiredService<AccessTokenCache>();
        TokenCacheProbe.CacheSomeToken(cache, first);
        host.Time.Advance(TimeSpan.FromMinutes(1));

        var result = await host.Manager.CompleteConnectAsync(Alice, Callback(await host.Manager.BeginConnectAsync(Request(Alice))));

        Assert.False(result.IsNew);
        var reconnected = Assert.Single(await host.Store.ListAsync(Alice));
        Assert.Equal(first.Id, reconnected.Id);
        Assert.Equal(reconnected, result.Integration);
        Assert.Equal(IntegrationStatus.Active, reconnected.Status);
        Assert.Equal(0, reconnected.Health.ConsecutiveErrors);
        Assert.Null(reconnected.Health.LastErrorCode);
        Assert.Equal("My account", reconnected.DisplayName);
        Assert.NotEqual(first.Tokens!.Ciphertext, reconnected.Tokens!.Ciphertext);
        Assert.Equal(host.Time.GetUtcNow(), reconnected.UpdatedAt);
        Assert.False(cache.TryGet(first.Id, out _));
        Assert.Equal(IntegrationEventType.Reconnected, host.Events.Events.Last().Type);
    }

    [Fact]
    public async Task A_reconnect_without_a_new_refresh_token_keeps_the_stored_one_while_the_grant_is_alive()
    {
        using var host = ProviderTestHost.OAuth2();
        var token = host.RespondToToken(HttpStatusCode.OK, OAuthFixtures.TokenResponseWithoutRefreshToken);
        host.Record(HttpMethod.Get, OAuthFixtures.UserInfoEndpoint, HttpStatusCode.OK, OAuthFixtures.UserInfo);
        var alive = await host.AddIntegrationAsync(Alice, "alice");
        var dead = await host.AddIntegrationAsync(Bob, "alice", IntegrationStatus.ReauthorizationRequired);

        var keptResult = await host.Manager.CompleteConnectAsync(Alice, Callback(await host.Manager.BeginConnectAsync(Request(Alice))));
        var droppedResult = await host.Manager.CompleteConnectAsync(Bob, Callback(await host.Manager.BeginConnectAsync(Request(Bob))));

        var kept = host.TokenProtector.Unprotect(Alice, keptResult.Integration.Tokens!);
        Assert.Equal(alive.Id, keptResult.Integration.Id);
        Assert.Equal("ya29.a0AfH6SMBx", kept.AccessToken);
        Assert.Equal("rt-alice", kept.RefreshToken);
        Assert.Equal(dead.Id, droppedResult.Integration.Id);
        Assert.False(droppedResult.Integration.Tokens!.HasRefreshToken);
    }

    [Fact]
    public async Task A_different_account_of_the_same_provider_is_a_second_integration()
    {
        using var host = ProviderTestHost.OAuth2();
        host.ServeProvider(OAuthFixtures.TokenResponse());
        await host.AddIntegrationAsync(Alice, "someone-else");

        var result = await host.Manager.CompleteConnectAsync(Alice, Callback(await host.Manager.BeginConnectAsync(Request(Alice))));

        Assert.True(result.IsNew);
        Assert.Equal(2, (await host.Store.ListAsync(Alice)).Count);
    }

    [Fact]
    public async Task A_completion_racing_another_for_the_same_account_updates_the_winner()
    {
        var racing = new TestIntegrationStore();
        using var host = ProviderTestHost.OAuth2(services: s => s.AddSingleton<IIntegrationStore>(racing));
        host.ServeProvider(OAuthFixtures.TokenResponse());
        racing.BeforeAdd = async candidate =>
        {
            racing.BeforeAdd = null;
            await racing.Inner.AddAsync(candidate with { Id = Guid.NewGuid(), DisplayName = "winner", Tokens = null });
        };

        var result = await host.Manager.CompleteConnectAsync(Alice, Callback(await host.Manager.BeginConnectAsync(Request(Alice))));

        Assert.False(result.IsNew);
        var stored = Assert.Single(await host.Store.ListAsync(Alice));
        Assert.Equal("winner", stored.DisplayName);
        Assert.Equal(result.Integration, stored);
        Assert.NotNull(stored.Tokens);
    }

    [Fact]
    public async Task Completions_are_counted_by_provider_and_outcome()
    {
        using var host = ProviderTestHost.OAuth2();
        host.ServeProvider(OAuthFixtures.TokenResponse());
        var meter = host.Services.GetRequiredService<IntegrationsTelemetry>().Meter;
        var counted = new List<(string? Provider, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "integrations.connects")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var all = tags.ToArray();
            counted.Add(((string?)all.Single(t => t.Key == "provider").Value, (string?)all.Single(t => t.Key == "outcome").Value));
        });
        listener.Start();

        var start = await host.Manager.BeginConnectAsync(Request(Alice));
        await host.Manager.CompleteConnectAsync(Alice, Callback(start));
        await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.CompleteConnectAsync(Alice, Callback(start)));

        Assert.Equal([(ProviderTestHost.OAuth2Name, "success"), ("unknown", "InvalidState")], counted);
    }

    [Fact]
    public async Task An_openid_connect_flow_sends_a_nonce_the_id_token_must_carry_and_checks_iss()
    {
        using var host = ProviderTestHost.OpenIdConnect();
        using var idp = new TestIdentityProvider();
        host.Record(HttpMethod.Get, TestIdentityProvider.DiscoveryUrl, HttpStatusCode.OK, TestIdentityProvider.Discovery());
        host.Record(HttpMethod.Get, TestIdentityProvider.JwksUrl, HttpStatusCode.OK, idp.Jwks);
        host.Record(HttpMethod.Get, TestIdentityProvider.Issuer + "/me", HttpStatusCode.OK, OAuthFixtures.UserInfo);
        string? nonce = null;
        var tokenRequests = 0;
        host.Http.When(HttpMethod.Post, TestIdentityProvider.Issuer + "/token").Respond(_ =>
        {
            tokenRequests++;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(OAuthFixtures.TokenResponse(idp.IdToken(host.Time.GetUtcNow(), nonce))) };
        });

        var mixedUp = await host.Manager.BeginConnectAsync(Request(Alice, ProviderTestHost.OidcName));
        var mixUpError = await Assert.ThrowsAsync<IntegrationException>(() =>
            host.Manager.CompleteConnectAsync(Alice, Callback(mixedUp, extra: "&iss=https%3A%2F%2Fattacker.example.test")));
        Assert.Equal(0, tokenRequests);
        var start = await host.Manager.BeginConnectAsync(Request(Alice, ProviderTestHost.OidcName));
        nonce = TestIdentityProvider.Query(start.AuthorizationUrl)["nonce"];
        var result = await host.Manager.CompleteConnectAsync(Alice, Callback(start, extra: "&iss=http%3A%2F%2F127.0.0.1%3A4455"));

        Assert.Equal(IntegrationErrorCode.OAuthError, mixUpError.Code);
        Assert.StartsWith("openid ", TestIdentityProvider.Query(start.AuthorizationUrl)["scope"], StringComparison.Ordinal);
        Assert.Equal("alice", result.Integration.Account.Id);
        Assert.Equal(1, tokenRequests);
        Assert.Single(await host.Store.ListAsync(Alice));
    }

    [Fact]
    public async Task An_id_token_with_another_flows_nonce_is_rejected_and_nothing_is_written()
    {
        using var host = ProviderTestHost.OpenIdConnect();
        using var idp = new TestIdentityProvider();
        host.Record(HttpMethod.Get, TestIdentityProvider.DiscoveryUrl, HttpStatusCode.OK, TestIdentityProvider.Discovery());
        host.Record(HttpMethod.Get, TestIdentityProvider.JwksUrl, HttpStatusCode.OK, idp.Jwks);
        var other = await host.Manager.BeginConnectAsync(Request(Alice, ProviderTestHost.OidcName));
        host.Record(HttpMethod.Post, TestIdentityProvider.Issuer + "/token", HttpStatusCode.OK,
            OAuthFixtures.TokenResponse(idp.IdToken(host.Time.GetUtcNow(), TestIdentityProvider.Query(other.AuthorizationUrl)["nonce"])));
        var start = await host.Manager.BeginConnectAsync(Request(Alice, ProviderTestHost.OidcName));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Manager.CompleteConnectAsync(Alice, Callback(start, extra: "&iss=http%3A%2F%2F127.0.0.1%3A4455")));

        Assert.Equal(IntegrationErrorCode.OAuthError, error.Code);
        Assert.Contains("nonce", error.Message, StringComparison.Ordinal);
        Assert.Empty(await host.Store.ListAsync(Alice));
    }
}
