using System.Collections.Immutable;

namespace Integrations.Testing.Internal;

/// <summary>
/// The server's memory: codes, grants and tokens. One lock guards everything; the sandbox favours
/// obvious correctness over throughput. Consumed codes and refresh tokens are kept (until they
/// expire) so that replays are recognised, as oidc-provider does.
/// </summary>
internal sealed class SandboxGrantStore(SandboxSettings settings, TimeProvider time)
{
    private const int PruneEvery = 512;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AuthorizationCodeEntry> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessTokenEntry> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshTokenEntry> _refreshTokens = new(StringComparer.Ordinal);
    private int _issuedSincePrune;

    public string CreateCode(SandboxAccount account, string redirectUri, string codeChallenge, ImmutableArray<string> scopes)
    {
        var code = Pkce.NewOpaqueValue();
        var entry = new AuthorizationCodeEntry(account, redirectUri, codeChallenge, scopes, time.GetUtcNow() + settings.AuthorizationCodeLifetime);
        lock (_gate)
        {
            _codes.Add(code, entry);
            PruneNow();
        }

        return code;
    }

    public GrantResult RedeemCode(string code, string redirectUri, string verifier)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_codes.TryGetValue(code, out var entry))
            {
                return GrantResult.Fail("invalid_grant", "authorization code not found");
            }

            if (entry.Grant is { } issued)
            {
                // RFC 6749 §4.1.2: a code used twice revokes the tokens it produced.
                issued.Revoked = true;
                return GrantResult.Fail("invalid_grant", "authorization code already consumed; the tokens issued for it are revoked");
            }

            if (now >= entry.ExpiresAt)
            {
                return GrantResult.Fail("invalid_grant", "authorization code expired");
            }

            if (!string.Equals(entry.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                return GrantResult.Fail("invalid_grant", "redirect_uri does not match the one of the authorization request");
            }

            if (!Pkce.IsValidVerifier(verifier) || !Pkce.Matches(verifier, entry.CodeChallenge))
            {
                return GrantResult.Fail("invalid_grant", "code_verifier does not match code_challenge");
            }

            var grant = new SandboxGrant(entry.Account, entry.Scopes);
            entry.Grant = grant;
            return GrantResult.Ok(Issue(grant, grant.Scopes, withRefreshToken: true, now));
        }
    }

    public GrantResult Refresh(string refreshToken, ImmutableArray<string>? requestedScopes)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_refreshTokens.TryGetValue(refreshToken, out var entry) || entry.Grant.Revoked)
            {
                return GrantResult.Fail("invalid_grant", "refresh token not found or revoked");
            }

            if (entry.Consumed)
            {
                entry.Grant.Revoked = true;
                return GrantResult.Fail("invalid_grant", "refresh token already used; the grant is revoked (replay detection)");
            }

            if (entry.IsExpired(now))
            {
                return GrantResult.Fail("invalid_grant", "refresh token expired");
            }

            var scopes = requestedScopes ?? entry.Grant.Scopes;
            if (scopes.FirstOrDefault(s => !entry.Grant.Scopes.Contains(s)) is { } extra)
            {
                return GrantResult.Fail("invalid_scope", $"scope '{extra}' exceeds the scope originally granted");
            }

            if (settings.RotateRefreshTokens)
            {
                entry.Consumed = true;
            }

            return GrantResult.Ok(Issue(entry.Grant, scopes, withRefreshToken: settings.RotateRefreshTokens, now));
        }
    }

    /// <summary>RFC 7009: revoking a refresh token revokes its grant; revoking an access token revokes only it. Unknown tokens are ignored.</summary>
    public void Revoke(string token)
    {
        lock (_gate)
        {
            if (_refreshTokens.TryGetValue(token, out var refresh))
            {
                refresh.Grant.Revoked = true;
            }
            else if (_accessTokens.TryGetValue(token, out var access))
            {
                access.Revoked = true;
            }
        }
    }

    public AccessTokenEntry? FindLiveAccessToken(string token)
    {
        lock (_gate)
        {
            return _accessTokens.TryGetValue(token, out var entry) && entry.IsLive(time.GetUtcNow()) ? entry : null;
        }
    }

    public int RevokeAllGrants()
    {
        lock (_gate)
        {
            var grants = LiveGrants(time.GetUtcNow());
            foreach (var grant in grants)
            {
                grant.Revoked = true;
            }

            return grants.Count;
        }
    }

    public int ExpireAccessTokens()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var live = _accessTokens.Values.Where(e => e.IsLive(now)).ToList();
            foreach (var entry in live)
            {
                entry.ExpiresAt = now;
            }

            return live.Count;
        }
    }

    public int ActiveGrantCount
    {
        get
        {
            lock (_gate)
            {
                return LiveGrants(time.GetUtcNow()).Count;
            }
        }
    }

    private HashSet<SandboxGrant> LiveGrants(DateTimeOffset now)
    {
        HashSet<SandboxGrant> grants = [];
        grants.UnionWith(_refreshTokens.Values.Where(e => !e.Consumed && !e.Grant.Revoked && !e.IsExpired(now)).Select(e => e.Grant));
        grants.UnionWith(_accessTokens.Values.Where(e => e.IsLive(now)).Select(e => e.Grant));
        return grants;
    }

    private IssuedTokens Issue(SandboxGrant grant, ImmutableArray<string> scopes, bool withRefreshToken, DateTimeOffset now)
    {
        var accessToken = Pkce.NewOpaqueValue();
        _accessTokens.Add(accessToken, new AccessTokenEntry(grant, scopes, now + settings.AccessTokenLifetime));

        string? refreshToken = null;
        if (settings.IssueRefreshTokens && withRefreshToken)
        {
            refreshToken = Pkce.NewOpaqueValue();
            _refreshTokens.Add(refreshToken, new RefreshTokenEntry(grant, now + settings.RefreshTokenLifetime));
        }

        PruneNow();
        return new IssuedTokens(accessToken, settings.AccessTokenLifetime, refreshToken, scopes);
    }

    // Keeps a long-running development host from growing without bound: forget what can no longer
    // be used or replayed. Consumed refresh tokens of live grants stay for replay detection.
    private void PruneNow()
    {
        if (++_issuedSincePrune < PruneEvery)
        {
            return;
        }

        _issuedSincePrune = 0;
        var now = time.GetUtcNow();
        Remove(_codes, e => now >= e.ExpiresAt);
        Remove(_accessTokens, e => !e.IsLive(now));
        Remove(_refreshTokens, e => e.Grant.Revoked || e.IsExpired(now));
    }

    private static void Remove<T>(Dictionary<string, T> entries, Func<T, bool> dead)
    {
        foreach (var (key, value) in entries)
        {
            if (dead(value))
            {
                entries.Remove(key);
            }
        }
    }
}
