namespace Integrations.Internal;

/// <summary>
/// When a token should be refreshed: before <see cref="FreshUntil"/> it is used as it is, before
/// <see cref="UsableUntil"/> it is used while a refresh runs in the background, after that callers
/// wait for the refresh.
/// </summary>
internal readonly record struct RefreshSchedule(DateTimeOffset FreshUntil, DateTimeOffset UsableUntil, DateTimeOffset ExpiresAt)
{
    public static RefreshSchedule For(TokenSet tokens, TokenRefreshOptions options)
    {
        if (tokens.ExpiresAt is not { } expiresAt)
        {
            // A token without an expiry is never refreshed ahead; a rejection forces the refresh.
            return new(DateTimeOffset.MaxValue, DateTimeOffset.MaxValue, DateTimeOffset.MaxValue);
        }

        if (tokens.RefreshToken is null)
        {
            // Nothing to refresh with: use the token up to its expiry.
            return new(expiresAt, expiresAt, expiresAt);
        }

        var soft = Max(options.RefreshBeforeExpiry, TimeSpan.Zero);
        var hard = Min(Max(options.MustRefreshBeforeExpiry, TimeSpan.Zero), soft);
        if (tokens.IssuedAt is { } issuedAt && expiresAt > issuedAt)
        {
            // A token born inside the windows would be refreshed on every use: fit them to its lifetime.
            var lifetime = expiresAt - issuedAt;
            soft = Min(soft, lifetime / 2);
            hard = Min(hard, lifetime / 4);
        }

        return new(expiresAt - soft, expiresAt - hard, expiresAt);
    }

    public bool IsFresh(DateTimeOffset now) => now < FreshUntil;

    public bool IsUsable(DateTimeOffset now) => now < UsableUntil;

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
