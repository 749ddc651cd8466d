using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.Testing;
using Integrations.TestSupport;
using Integrations.TestSupport.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>
/// What lands in the database, read with plain SQL the way a leaked dump would be read: every row of
/// every table, every column whatever its type. Secrets appear only as ciphertext or hashes.
/// </summary>
public sealed class RawRowsTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly IntegrationOwner Owner = new("acme", "alice");

    [Fact]
    public async Task Token_sets_protected_by_the_SDK_protector_are_stored_as_ciphertext_only_in_every_table()
    {
        await database.ResetAsync();
        await using var services = database.CreateServices(TimeProvider.System);
        var protector = services.GetRequiredService<ITokenProtector>();
        var store = services.GetRequiredService<IIntegrationStore>();
        var tokens = new TokenSet("ya29.access-" + Guid.NewGuid().ToString("N"))
        {
            RefreshToken = "1//refresh-" + Guid.NewGuid().ToString("N"),
            IdToken = "eyJhbGciOiJSUzI1NiJ9.id-" + Guid.NewGuid().ToString("N"),
            ExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
        };
        var marker = "jsonb-marker-" + Guid.NewGuid().ToString("N");
        var integration = StoreTestData.FullyPopulated(Owner) with
        {
            Tokens = protector.Protect(Owner, tokens),
            Metadata = ImmutableDictionary<string, string>.Empty.Add("note", marker),
        };

        var stored = await store.AddAsync(integration);
        await store.UpdateAsync(stored with { DisplayName = "renamed" });
        var dump = string.Join('\n', await Sql.DumpAsync(database.ConnectionString));

        // The scan sees the ciphertext and a value inside a jsonb column, so it would see plaintext too.
        Assert.Contains(integration.Tokens.Ciphertext, dump, StringComparison.Ordinal);
        Assert.Contains(marker, dump, StringComparison.Ordinal);
        AssertNoneAppear(dump, tokens.AccessToken, tokens.RefreshToken, tokens.IdToken, "ya29.", "1//refresh", "eyJhbGciOiJSUzI1NiJ9");
        var read = protector.Unprotect(Owner, (await store.GetAsync(Owner, integration.Id))!.Tokens!);
        Assert.Equal((tokens.AccessToken, tokens.RefreshToken, tokens.IdToken), (read.AccessToken, read.RefreshToken, read.IdToken));
    }

    [Fact]
    public async Task Connect_and_refresh_through_the_SDK_store_the_state_as_a_hash_the_verifier_encrypted_and_tokens_as_ciphertext()
    {
        await database.ResetAsync();
        var time = new FakeTimeProvider();
        var tokenRequests = new ConcurrentQueue<Dictionary<string, string>>();
        await using var services = database.CreateServices(time, b => b
            .AddSandbox()
            .ConfigureBackchannel(SandboxDefaults.Name, c => c.AddHttpMessageHandler(() => new TokenRequestRecorder(tokenRequests))));
        var manager = services.GetRequiredService<IIntegrationManager>();
        var protector = services.GetRequiredService<ITokenProtector>();
        var store = services.GetRequiredService<IIntegrationStore>();

        var start = await manager.BeginConnectAsync(new BeginConnectRequest
        {
            Owner = Owner,
            Provider = SandboxDefaults.Name,
            RedirectUri = new Uri("https://app.example.test/oauth/callback"),
        });
        var whilePending = string.Join('\n', await Sql.DumpAsync(database.ConnectionString));
        var pendingColumns = await Sql.QueryTextAsync(database.ConnectionString, "SELECT state_hash || ' ' || protected_code_verifier FROM integrations.pending_authorizations");
        var callback = await services.GetRequiredService<SandboxAuthorizationServer>().AuthorizeAsync(start.AuthorizationUrl);
        var integration = (await manager.CompleteConnectAsync(Owner, ConnectCallback.FromUri(callback))).Integration;
        var connected = protector.Unprotect(Owner, integration.Tokens!);
        time.Advance(TimeSpan.FromHours(1));
        var refreshedToken = await services.GetRequiredService<IAccessTokenProvider>().GetAccessTokenAsync(integration.Key);
        var latest = (await store.GetAsync(Owner, integration.Id))!;
        var refreshed = protector.Unprotect(Owner, latest.Tokens!);
        var afterRefresh = string.Join('\n', await Sql.DumpAsync(database.ConnectionString));

        // The verifier the SDK sent with the code; the pending row held it only encrypted, and the
        // state only as its SHA-256.
        var verifier = Assert.Single(tokenRequests, f => f["grant_type"] == "authorization_code")["code_verifier"];
        var (stateHash, protectedVerifier) = Assert.Single(pendingColumns).Split(' ') is [var h, var v] ? (h, v) : throw new InvalidOperationException();
        Assert.Equal(Sha256(start.State), stateHash);
        Assert.NotEqual(verifier, protectedVerifier);
        Assert.True(protectedVerifier.Length > 2 * verifier.Length, "the verifier column holds ciphertext");
        Assert.Equal(refreshed.AccessToken, refreshedToken.Value);
        Assert.NotEqual(connected.RefreshToken, refreshed.RefreshToken);
        Assert.Contains(latest.Tokens!.Ciphertext, afterRefresh, StringComparison.Ordinal);
        AssertNoneAppear(whilePending + '\n' + afterRefresh,
            start.State, verifier, connected.AccessToken, connected.RefreshToken!, refreshed.AccessToken, refreshed.RefreshToken!);
    }

    [Fact]
    public async Task A_sync_that_calls_the_provider_with_the_integration_tokens_leaves_no_token_in_the_sync_tables()
    {
        await database.ResetAsync();
        var time = new FakeTimeProvider();
        var provider = new SandboxSyncServer(time);
        var seeded = provider.Seed(30);
        await using var services = database.CreateServices(time, b => b
            .AddSandbox()
            .AddSync(o => (o.SyncOnConnect, o.PageSize) = (false, 10))
            .AddSandboxSync(provider, o => o.UseAccessTokenProvider = true)
            .AddSyncResource<SandboxItemData, SyncedItems>("items"));
        var manager = services.GetRequiredService<IIntegrationManager>();
        var protector = services.GetRequiredService<ITokenProtector>();
        var start = await manager.BeginConnectAsync(new BeginConnectRequest
        {
            Owner = Owner,
            Provider = SandboxDefaults.Name,
            RedirectUri = new Uri("https://app.example.test/oauth/callback"),
        });
        var callback = await services.GetRequiredService<SandboxAuthorizationServer>().AuthorizeAsync(start.AuthorizationUrl);
        var integration = (await manager.CompleteConnectAsync(Owner, ConnectCallback.FromUri(callback))).Integration;
        var tokens = protector.Unprotect(Owner, integration.Tokens!);
        var bearers = new ConcurrentQueue<string>();
        provider.TokenValidator = token =>
        {
            bearers.Enqueue(token);
            return true;
        };

        var run = Assert.Single(await services.GetRequiredService<ISyncEngine>().RunAsync(integration.Key, new SyncRequest()));
        var dump = await Sql.DumpAsync(database.ConnectionString);

        Assert.Equal(SyncRunStatus.Succeeded, run.Status);
        Assert.All(bearers, b => Assert.Equal(tokens.AccessToken, b)); // the provider saw the real access token
        Assert.Equal(3, bearers.Count); // three pages
        Assert.Contains(dump, row => row.StartsWith("integrations.sync_item_links: ", StringComparison.Ordinal) && row.Contains(seeded[0].Id, StringComparison.Ordinal));
        Assert.Contains(dump, row => row.StartsWith("integrations.sync_states: ", StringComparison.Ordinal) && row.Contains(run.CursorAfter!, StringComparison.Ordinal));
        Assert.Contains(dump, row => row.StartsWith("integrations.sync_runs: ", StringComparison.Ordinal) && row.Contains(run.Id.ToString(), StringComparison.Ordinal));
        AssertNoneAppear(string.Join('\n', dump), tokens.AccessToken, tokens.RefreshToken);
    }

    private static void AssertNoneAppear(string dump, params string?[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.False(string.IsNullOrEmpty(secret));
            Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);
        }
    }

    private static string Sha256(string value) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Records the form of every token request the SDK sends (to learn the PKCE verifier it used).</summary>
    private sealed class TokenRequestRecorder(ConcurrentQueue<Dictionary<string, string>> forms) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.Content is not null)
            {
                var form = HttpUtility.ParseQueryString(await request.Content.ReadAsStringAsync(cancellationToken));
                if (form["grant_type"] is not null)
                {
                    forms.Enqueue(form.AllKeys.OfType<string>().ToDictionary(k => k, k => form[k] ?? ""));
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
