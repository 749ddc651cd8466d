using System.Collections.Concurrent;
using System.Security.Cryptography;
using Integrations.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Integrations.Benchmarks.Storage;

/// <summary>
/// A PostgreSQL database (on the TestSupport server: throw-away, or <c>INTEGRATIONS_TEST_POSTGRES</c>)
/// created with the shipped migrations and filled with <c>rows</c> integrations shaped like a real
/// host's: about four per user, 100 tenants, three providers, 90 % active, 75 % with a refresh token,
/// access tokens expiring evenly over the next 24 hours, ~400-character ciphertexts. Seeded once per
/// process and row count (binary COPY), then vacuumed and analyzed.
/// </summary>
internal sealed class SeededIntegrations
{
    public const int IntegrationsPerUser = 4;

    private static readonly ConcurrentDictionary<int, Lazy<Task<SeededIntegrations>>> Databases = new();

    private SeededIntegrations(string connectionString, DateTimeOffset now, Guid[] ids, IntegrationOwner[] owners)
    {
        ConnectionString = connectionString;
        Now = now;
        Ids = ids;
        Owners = owners;
    }

    public string ConnectionString { get; }

    /// <summary>The time the data was generated around; the benchmarks query relative to it.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Every integration id, with <see cref="Owners"/> at the same index.</summary>
    public Guid[] Ids { get; }

    public IntegrationOwner[] Owners { get; }

    public static Task<SeededIntegrations> GetAsync(int rows) =>
        Databases.GetOrAdd(rows, r => new Lazy<Task<SeededIntegrations>>(() => CreateAsync(r))).Value;

    /// <summary>A container with the EF Core stores on this database, the plans of their queries going to <paramref name="plans"/>.</summary>
    public ServiceProvider CreateStores(QueryPlanRecorder plans) =>
        BenchmarkDatabase.AddStores(new ServiceCollection().AddIntegrations(), ConnectionString, plans).Services.BuildServiceProvider();

    private static async Task<SeededIntegrations> CreateAsync(int rows)
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await BenchmarkDatabase.CreateMigratedAsync(server, $"bench{rows}");

        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var random = new Random(rows);
        var ids = new Guid[rows];
        var owners = new IntegrationOwner[rows];
        var providers = new[] { "google", "microsoft", "strava" };

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY integrations.integrations (id, tenant_id, user_id, provider, display_name, external_account_id, external_email, granted_scopes, " +
            "status, token_ciphertext, access_token_expires_at, has_refresh_token, consecutive_errors, settings, metadata, next_sync_at, created_at, updated_at, version) " +
            "FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < rows; i++)
            {
                var user = i / IntegrationsPerUser;
                var owner = new IntegrationOwner($"tenant-{user % 100}", $"user-{user}");
                ids[i] = Guid.NewGuid();
                owners[i] = owner;
                var provider = providers[i % IntegrationsPerUser % providers.Length];
                var active = random.Next(10) != 0;
                var created = now.AddDays(-random.Next(365)).AddSeconds(-random.Next(86_400));

                await writer.StartRowAsync();
                await writer.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                await writer.WriteAsync(owner.TenantId!, NpgsqlDbType.Text);
                await writer.WriteAsync(owner.UserId, NpgsqlDbType.Text);
                await writer.WriteAsync(provider, NpgsqlDbType.Text);
                await writer.WriteAsync($"{provider} account {i}", NpgsqlDbType.Text);
                await writer.WriteAsync($"acct-{i}", NpgsqlDbType.Text);
                await writer.WriteAsync($"user{user}.{i}@example.test", NpgsqlDbType.Text);
                await writer.WriteAsync(new[] { "openid", "email", "profile", $"https://{provider}.example/scope/read" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await writer.WriteAsync(active ? 0 : 4, NpgsqlDbType.Integer);
                await writer.WriteAsync("CfDJ8" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(300)), NpgsqlDbType.Text);
                await writer.WriteAsync(now.AddSeconds(random.Next(-3_600, 86_400)).UtcDateTime, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(random.Next(4) != 0, NpgsqlDbType.Boolean);
                await writer.WriteAsync(0, NpgsqlDbType.Integer);
                await writer.WriteAsync("""{"syncDirection":"Pull","autoSync":true,"syncInterval":"01:00:00","properties":{"calendarId":"primary"}}""", NpgsqlDbType.Jsonb);
                await writer.WriteAsync("""{"crmId":"42"}""", NpgsqlDbType.Jsonb);
                await writer.WriteAsync(now.AddSeconds(random.Next(-3_600, 3_600)).UtcDateTime, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(created.UtcDateTime, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(created.UtcDateTime, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
            }

            await writer.CompleteAsync();
        }

        await using (var vacuum = new NpgsqlCommand("VACUUM ANALYZE integrations.integrations", connection))
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        return new SeededIntegrations(connectionString, now, ids, owners);
    }
}
