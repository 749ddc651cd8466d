namespace Integrations.Internal;

/// <summary>
/// One cached access token with its owner and its refresh deadlines, as UTC ticks so the hot path
/// compares numbers only.
/// </summary>
internal sealed class CachedAccessToken
{
    private readonly string? _tenantId;
    private readonly string _userId;

    public CachedAccessToken(IntegrationOwner owner, AccessToken token, DateTimeOffset freshUntil, DateTimeOffset usableUntil)
    {
        _tenantId = owner.TenantId;
        _userId = owner.UserId;
        Token = token;
        FreshUntil = freshUntil.UtcTicks;
        UsableUntil = usableUntil.UtcTicks;
    }

    /// <summary>The token handed out; the same instance for every caller.</summary>
    public AccessToken Token { get; }

    /// <summary>Before this, the token is handed out as it is.</summary>
    public long FreshUntil { get; }

    /// <summary>Before this, the token is handed out while a refresh runs in the background; after it, callers wait.</summary>
    public long UsableUntil { get; }

    /// <summary>Whether the token may be handed out at <paramref name="nowTicks"/> without waiting for a refresh.</summary>
    public bool IsUsableAt(long nowTicks) => nowTicks < FreshUntil || nowTicks < UsableUntil;

    /// <summary>Ordinal comparison: a token is only ever handed to its owner.</summary>
    public bool IsOwnedBy(in IntegrationOwner owner) =>
        string.Equals(_userId, owner.UserId, StringComparison.Ordinal)
        && string.Equals(_tenantId, owner.TenantId, StringComparison.Ordinal);
}
