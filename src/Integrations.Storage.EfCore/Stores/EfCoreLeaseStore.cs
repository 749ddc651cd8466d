using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// <see cref="ILeaseStore"/> on PostgreSQL: one row per key. Acquiring is a single
/// <c>INSERT ... ON CONFLICT (key) DO UPDATE ... WHERE expires_at &lt;= now</c>, which PostgreSQL
/// runs atomically (the conflicting row is locked and the condition re-checked on its latest
/// version), so of concurrent callers in any number of processes exactly one takes a free or
/// expired lease. Renew and release are conditional on the holder token.
/// </summary>
/// <remarks>
/// "Now" is this process's <see cref="TimeProvider"/>, not the database clock, so that tests can
/// move time. The processes sharing a database are assumed to have synchronized clocks (NTP); a
/// skew of <c>s</c> lets another process take a lease up to <c>s</c> early, so keep lease
/// durations well above the expected skew (the SDK's defaults are tens of seconds).
/// </remarks>
internal sealed class EfCoreLeaseStore<TContext>(DbContextSource<TContext> contexts, TimeProvider timeProvider) : ILeaseStore
    where TContext : DbContext
{
    private readonly PerModel<string> _acquireSql = new(AcquireSql);

    public Task<Lease?> TryAcquireAsync(string key, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var now = timeProvider.GetUtcNow();
        var lease = new Lease(key, RandomNumberGenerator.GetHexString(32, lowercase: true), now + duration);
        return contexts.RunAsync(
            async (db, ct) =>
            {
                var rows = await db.Database
                    .ExecuteSqlRawAsync(_acquireSql.For(db), [lease.Key, lease.Holder, Timestamps.ToStorage(lease.ExpiresAt), Timestamps.ToStorage(now)], ct)
                    .ConfigureAwait(false);
                return rows == 1 ? lease : null;
            },
            cancellationToken);
    }

    public Task<Lease?> RenewAsync(Lease lease, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var now = timeProvider.GetUtcNow();
        var storedNow = Timestamps.ToStorage(now);
        var expiresAt = Timestamps.ToStorage(now + duration);
        return contexts.RunAsync(
            async (db, ct) =>
            {
                var rows = await db.Set<LeaseEntity>()
                    .Where(e => e.Key == lease.Key && e.Holder == lease.Holder && e.ExpiresAt > storedNow)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.ExpiresAt, expiresAt), ct)
                    .ConfigureAwait(false);
                return rows == 1 ? lease with { ExpiresAt = now + duration } : null;
            },
            cancellationToken);
    }

    public Task ReleaseAsync(Lease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return contexts.RunAsync(
            (db, ct) => db.Set<LeaseEntity>()
                .Where(e => e.Key == lease.Key && e.Holder == lease.Holder)
                .ExecuteDeleteAsync(ct),
            cancellationToken);
    }

    /// <summary>The acquire statement with the table and column names of the context's model (the schema is the host's choice).</summary>
    private static string AcquireSql(DbContext context)
    {
        var leases = StoreTable.For<LeaseEntity>(context);
        var key = leases.Column(nameof(LeaseEntity.Key));
        var holder = leases.Column(nameof(LeaseEntity.Holder));
        var expiresAt = leases.Column(nameof(LeaseEntity.ExpiresAt));
        return $$"""
            INSERT INTO {{leases.Name}} AS l ({{key}}, {{holder}}, {{expiresAt}})
            VALUES ({0}, {1}, {2})
            ON CONFLICT ({{key}}) DO UPDATE SET {{holder}} = excluded.{{holder}}, {{expiresAt}} = excluded.{{expiresAt}}
            WHERE l.{{expiresAt}} <= {3}
            """;
    }
}
