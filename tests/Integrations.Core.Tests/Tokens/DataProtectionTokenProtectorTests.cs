using System.Buffers.Text;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Integrations.Internal;
using Integrations.TestSupport;
using Microsoft.AspNetCore.DataProtection;

namespace Integrations.Core.Tests.Tokens;

public sealed class DataProtectionTokenProtectorTests
{
    private static readonly IntegrationOwner Alice = new("tenant-a", "alice");
    private readonly FakeTimeProvider _time = new();
    private readonly EphemeralDataProtectionProvider _keyRing = new();

    private static TokenSet Tokens(DateTimeOffset now) => new("secret-access-token-1234567890")
    {
        RefreshToken = "secret-refresh-token-0987654321",
        ExpiresAt = now.AddHours(1),
        RefreshTokenExpiresAt = now.AddDays(30),
        TokenType = "DPoP",
        Scopes = ["calendar.read", "contacts.read"],
        IdToken = "header.payload.signature",
        IssuedAt = now.AddMinutes(-1),
        AdditionalData = ImmutableDictionary<string, JsonElement>.Empty.Add("athlete", JsonDocument.Parse("""{"id":1}""").RootElement),
    };

    private DataProtectionTokenProtector Protector(IDataProtectionProvider? keyRing = null) => new(keyRing ?? _keyRing, _time);

    [Fact]
    public void Round_trip_keeps_every_standard_field_and_drops_additional_data()
    {
        var tokens = Tokens(_time.GetUtcNow());
        var protector = Protector();

        var read = protector.Unprotect(Alice, protector.Protect(Alice, tokens));

        Assert.Equal(tokens.AccessToken, read.AccessToken);
        Assert.Equal(tokens.RefreshToken, read.RefreshToken);
        Assert.Equal(tokens.ExpiresAt, read.ExpiresAt);
        Assert.Equal(tokens.RefreshTokenExpiresAt, read.RefreshTokenExpiresAt);
        Assert.Equal(tokens.TokenType, read.TokenType);
        Assert.Equal(tokens.Scopes, read.Scopes);
        Assert.Equal(tokens.IdToken, read.IdToken);
        Assert.Equal(tokens.IssuedAt, read.IssuedAt);
        Assert.Empty(read.AdditionalData);
    }

    [Fact]
    public void Protected_set_carries_the_non_secret_facts_the_stores_query()
    {
        var tokens = Tokens(_time.GetUtcNow());

        var protectedTokens = Protector().Protect(Alice, tokens);

        Assert.Equal(tokens.ExpiresAt, protectedTokens.AccessTokenExpiresAt);
        Assert.True(protectedTokens.HasRefreshToken);
        Assert.Equal(tokens.RefreshTokenExpiresAt, protectedTokens.RefreshTokenExpiresAt);
        Assert.False(Protector().Protect(Alice, new TokenSet("a")).HasRefreshToken);
    }

    [Fact]
    public void Ciphertext_contains_no_plaintext_token()
    {
        var tokens = Tokens(_time.GetUtcNow());

        var ciphertext = Protector().Protect(Alice, tokens).Ciphertext;
        var bytes = Base64Url.DecodeFromChars(ciphertext);

        foreach (var secret in new[] { tokens.AccessToken, tokens.RefreshToken!, tokens.IdToken! })
        {
            Assert.DoesNotContain(secret, ciphertext, StringComparison.Ordinal);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
        }
    }

    [Theory]
    [InlineData("tenant-a", "bob")]
    [InlineData("tenant-b", "alice")]
    [InlineData(null, "alice")]
    [InlineData("tenant-aalice", "")]
    public void Another_owner_cannot_read_the_tokens(string? tenantId, string userId)
    {
        var protector = Protector();
        var protectedTokens = protector.Protect(Alice, Tokens(_time.GetUtcNow()));
        var other = userId.Length == 0 ? new IntegrationOwner(null, tenantId!) : new IntegrationOwner(tenantId, userId);

        var error = Assert.Throws<IntegrationException>(() => protector.Unprotect(other, protectedTokens));

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("not-base64")]
    [InlineData("empty")]
    public void Tampered_ciphertext_requires_reauthorization(string tampering)
    {
        var protector = Protector();
        var ciphertext = protector.Protect(Alice, Tokens(_time.GetUtcNow())).Ciphertext;
        var middle = ciphertext.Length / 2;
        var tampered = tampering switch
        {
            "flip" => string.Concat(ciphertext.AsSpan(0, middle), ciphertext[middle] == 'A' ? "B" : "A", ciphertext.AsSpan(middle + 1)),
            "truncate" => ciphertext[..middle],
            "not-base64" => "<html>not a token</html>",
            _ => "",
        };

        var error = Assert.Throws<IntegrationException>(() => protector.Unprotect(Alice, new ProtectedTokenSet(tampered, null, true)));

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lost_key_ring_requires_reauthorization()
    {
        var protectedTokens = Protector().Protect(Alice, Tokens(_time.GetUtcNow()));

        var error = Assert.Throws<IntegrationException>(() => Protector(new EphemeralDataProtectionProvider()).Unprotect(Alice, protectedTokens));

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
    }

    [Fact]
    public void Unreadable_json_inside_valid_ciphertext_requires_reauthorization()
    {
        var raw = _keyRing.CreateProtector(DataProtectionTokenProtector.Purpose, Alice.TenantId!, Alice.UserId).Protect("""{"refresh_token":"x"}"""u8.ToArray());

        var error = Assert.Throws<IntegrationException>(() => Protector().Unprotect(Alice, new ProtectedTokenSet(Base64Url.EncodeToString(raw), null, true)));

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
    }

    [Fact]
    public void Tokens_without_an_issue_time_are_stamped_with_the_time_they_are_protected()
    {
        var protector = Protector();

        var read = protector.Unprotect(Alice, protector.Protect(Alice, new TokenSet("a") { ExpiresAt = _time.GetUtcNow().AddHours(1) }));

        Assert.Equal(_time.GetUtcNow(), read.IssuedAt);
    }
}
