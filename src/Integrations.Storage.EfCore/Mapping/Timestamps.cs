namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// PostgreSQL <c>timestamptz</c> takes UTC only (Npgsql rejects other offsets) and keeps whole
/// microseconds; instants are preserved, the offset comes back as UTC.
/// </summary>
internal static class Timestamps
{
    public static DateTimeOffset ToStorage(DateTimeOffset value) => value.ToUniversalTime();

    public static DateTimeOffset? ToStorage(DateTimeOffset? value) => value?.ToUniversalTime();
}
