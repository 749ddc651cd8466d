using System.Collections.Immutable;
using System.Text.Json;
using Xunit;

namespace Integrations.TestSupport.Conformance;

/// <summary>Builds the records the conformance suites store, and compares them field by field.</summary>
public static class StoreTestData
{
    /// <summary>
    /// A point in time with whole microseconds, the finest precision every store must keep
    /// (PostgreSQL <c>timestamptz</c> has microseconds; .NET ticks are 100 ns).
    /// </summary>
    public static DateTimeOffset Start { get; } = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>An integration with only the required fields set and every optional one at its default.</summary>
    public static Integration Minimal(IntegrationOwner owner, string provider = "google", string? accountId = null, DateTimeOffset? createdAt = null)
    {
        var at = createdAt ?? Start;
        return new Integration
        {
            Id = Guid.NewGuid(),
            TenantId = owner.TenantId,
            UserId = owner.UserId,
            Provider = provider,
            DisplayName = "Work account",
            Account = new ExternalAccount(accountId ?? "acct-" + Guid.NewGuid().ToString("N")),
            CreatedAt = at,
            UpdatedAt = at,
        };
    }

    /// <summary>An integration with every field set to a non-default value, including every JSON-shaped one.</summary>
    public static Integration FullyPopulated(IntegrationOwner owner, DateTimeOffset? at = null)
    {
        var now = at ?? Start;
        using var profile = JsonDocument.Parse("""
            {"sub":"10769150350006150715113082367","name":"Ada Lovelace","email_verified":true,
             "picture":"https://example.test/ada.png","groups":["admins","users"],"address":{"country":"GB","zip":null},
             "balance":12.5,"unicode":"Zürich – 東京 ✓"}
            """);
        return new Integration
        {
            Id = Guid.NewGuid(),
            TenantId = owner.TenantId,
            UserId = owner.UserId,
            Provider = "google",
            DisplayName = "Ada's calendar ✓",
            Account = new ExternalAccount("10769150350006150715113082367")
            {
                Username = "ada",
                Email = "ada@example.test",
                Name = "Ada Lovelace",
                AvatarUrl = "https://example.test/ada.png",
                RawProfile = profile.RootElement.Clone(),
            },
            GrantedScopes = ["openid", "email", "https://www.googleapis.com/auth/calendar.readonly"],
            Status = IntegrationStatus.ReauthorizationRequired,
            Tokens = new ProtectedTokenSet("CfDJ8-ciphertext-" + Guid.NewGuid().ToString("N"), now.AddMinutes(55), HasRefreshToken: true, now.AddDays(30)),
            Health = new IntegrationHealth
            {
                LastErrorCode = IntegrationErrorCode.ProviderUnavailable,
                LastErrorMessage = "The token endpoint answered 503.",
                LastErrorAt = now.AddMinutes(-3),
                ConsecutiveErrors = 4,
                LastUsedAt = now.AddMinutes(-1),
                LastSyncAt = now.AddHours(-2),
            },
            Settings = new IntegrationSettings
            {
                SyncDirection = SyncDirection.Both,
                AutoSync = false,
                SyncInterval = TimeSpan.FromMinutes(15),
                Properties = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
                    KeyValuePair.Create("calendarId", "primary"),
                    KeyValuePair.Create("colour", "#ff0000 \"red\""),
                ]),
            },
            Metadata = ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
                KeyValuePair.Create("crmId", "42"),
                KeyValuePair.Create("note", "line1\nline2"),
            ]),
            NextSyncAt = now.AddMinutes(30).AddTicks(1230), // 123 microseconds
            CreatedAt = now.AddDays(-7),
            UpdatedAt = now,
        };
    }

    /// <summary>A pending authorization with every field set.</summary>
    public static PendingAuthorization Pending(IntegrationOwner owner, DateTimeOffset? expiresAt = null) => new()
    {
        StateHash = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        TenantId = owner.TenantId,
        UserId = owner.UserId,
        Provider = "keycloak",
        Scopes = ["openid", "profile", "offline_access"],
        RedirectUri = new Uri("https://app.example.test/integrations/callback?x=1"),
        ProtectedCodeVerifier = "CfDJ8-verifier-" + Guid.NewGuid().ToString("N"),
        Nonce = "n-0S6_WzA2Mj",
        DisplayName = "My Keycloak",
        Properties = ImmutableDictionary.CreateRange([KeyValuePair.Create("returnUrl", "/settings/integrations?tab=1")]),
        CreatedAt = Start,
        ExpiresAt = expiresAt ?? Start.AddMinutes(10),
    };

    /// <summary>Asserts that two integrations hold the same data in every field.</summary>
    public static void AssertEquivalent(Integration expected, Integration? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.TenantId, actual.TenantId);
        Assert.Equal(expected.UserId, actual.UserId);
        Assert.Equal(expected.Provider, actual.Provider);
        Assert.Equal(expected.DisplayName, actual.DisplayName);
        Assert.Equal(expected.Account.Id, actual.Account.Id);
        Assert.Equal(expected.Account.Username, actual.Account.Username);
        Assert.Equal(expected.Account.Email, actual.Account.Email);
        Assert.Equal(expected.Account.Name, actual.Account.Name);
        Assert.Equal(expected.Account.AvatarUrl, actual.Account.AvatarUrl);
        AssertJsonEquivalent(expected.Account.RawProfile, actual.Account.RawProfile);
        Assert.Equal(expected.GrantedScopes.AsEnumerable(), actual.GrantedScopes.AsEnumerable());
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Tokens, actual.Tokens);
        Assert.Equal(expected.Health, actual.Health);
        Assert.Equal(expected.Settings.SyncDirection, actual.Settings.SyncDirection);
        Assert.Equal(expected.Settings.AutoSync, actual.Settings.AutoSync);
        Assert.Equal(expected.Settings.SyncInterval, actual.Settings.SyncInterval);
        AssertSameEntries(expected.Settings.Properties, actual.Settings.Properties);
        AssertSameEntries(expected.Metadata, actual.Metadata);
        Assert.Equal(expected.NextSyncAt, actual.NextSyncAt);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.Version, actual.Version);
    }

    /// <summary>Asserts that two pending authorizations hold the same data in every field.</summary>
    public static void AssertEquivalent(PendingAuthorization expected, PendingAuthorization? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.StateHash, actual.StateHash);
        Assert.Equal(expected.TenantId, actual.TenantId);
        Assert.Equal(expected.UserId, actual.UserId);
        Assert.Equal(expected.Provider, actual.Provider);
        Assert.Equal(expected.Scopes.AsEnumerable(), actual.Scopes.AsEnumerable());
        Assert.Equal(expected.RedirectUri, actual.RedirectUri);
        Assert.Equal(expected.ProtectedCodeVerifier, actual.ProtectedCodeVerifier);
        Assert.Equal(expected.Nonce, actual.Nonce);
        Assert.Equal(expected.DisplayName, actual.DisplayName);
        AssertSameEntries(expected.Properties, actual.Properties);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.ExpiresAt, actual.ExpiresAt);
    }

    private static void AssertSameEntries(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> actual) =>
        Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));

    private static void AssertJsonEquivalent(JsonElement? expected, JsonElement? actual)
    {
        Assert.Equal(expected.HasValue, actual.HasValue);
        if (expected is { } e && actual is { } a)
        {
            // Semantic equality: a database may normalize whitespace and key order (PostgreSQL jsonb does).
            Assert.True(JsonElement.DeepEquals(e, a), $"Expected JSON {e.GetRawText()} but found {a.GetRawText()}.");
        }
    }
}
