namespace Integrations;

/// <summary>What a refresh needs.</summary>
/// <param name="Integration">The integration whose tokens are refreshed.</param>
/// <param name="Current">Its current tokens; <see cref="TokenSet.RefreshToken"/> is not null.</param>
public sealed record TokenRefreshContext(Integration Integration, TokenSet Current);
