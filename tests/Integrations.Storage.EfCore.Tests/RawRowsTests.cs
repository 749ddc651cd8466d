using System.Text.Json;
using Integrations.Storage.EfCore.Tests.Infrastructure;
using Integrations.TestSupport.Conformance;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Tests;

/// <summary>What lands in the database, read with plain SQL the way a leaked dump would be read.</summary>
public sealed class RawRowsTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Stored_rows_hold_token_ciphertext_and_never_token_plaintext()
    {
        await database.ResetAsync();
        await using var services = database.CreateServices(TimeProvider.System);
        var owner = new IntegrationOwner("acme", "alice");
        var accessToken = "ya29.access-" + Guid.NewGuid().ToString("N");
        var refreshToken = "1//refresh-" + Guid.NewGuid().ToString("N");
        var idToken = "eyJhbGciOiJSUzI1NiJ9.id-" + Guid.NewGuid().ToString("N");
        var verifier = "pkce-verifier-" + Guid.NewGuid().ToString("N");

        // The way the token vault stores tokens: one Data Protection ciphertext under a per-owner purpose.
        var protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Integrations.Tokens", owner.TenantId!, owner.UserId);
        var ciphertext = protector.Protect(JsonSerializer.Serialize(new { access_token = accessToken, refresh_token = refreshToken, id_token = idToken }));
        var integration = StoreTestData.FullyPopulated(owner) with
        {
            Tokens = new ProtectedTokenSet(ciphertext, DateTimeOffset.UtcNow.AddHours(1), HasRefreshToken: true),
        };
        var pending = StoreTestData.Pending(owner) with
        {
            ProtectedCodeVerifier = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Integrations.Pkce").Protect(verifier),
        };
        var store = services.GetRequiredService<IIntegrationStore>();
        var stored = await store.AddAsync(integration);
        await store.UpdateAsync(stored with { DisplayName = "renamed" });
        await services.GetRequiredService<IPendingAuthorizationStore>().AddAsync(pending);

        var rows = string.Join('\n',
            (await Sql.QueryTextAsync(database.ConnectionString, "SELECT t::text FROM integrations.integrations t"))
            .Concat(await Sql.QueryTextAsync(database.ConnectionString, "SELECT t::text FROM integrations.pending_authorizations t")));

        Assert.Contains(ciphertext, rows, StringComparison.Ordinal);
        Assert.Contains(pending.ProtectedCodeVerifier, rows, StringComparison.Ordinal);
        foreach (var secret in new[] { accessToken, refreshToken, idToken, verifier, "ya29.", "1//refresh", "pkce-verifier" })
        {
            Assert.DoesNotContain(secret, rows, StringComparison.Ordinal);
        }
    }
}
