namespace Integrations.Core.Tests.Model;

/// <summary>Types that hold tokens must never print them: they end up in logs and exception messages.</summary>
public sealed class SecretRedactionTests
{
    private const string Access = "access-token-plaintext";
    private const string Refresh = "refresh-token-plaintext";
    private const string Id = "id-token-plaintext";

    [Fact]
    public void TokenSet_ToString_prints_no_token_even_after_a_with_copy()
    {
        var tokens = new TokenSet(Access) { RefreshToken = Refresh, IdToken = Id, ExpiresAt = DateTimeOffset.UnixEpoch };
        var copy = tokens with { RefreshToken = Refresh + "-2" };

        foreach (var text in new[] { tokens.ToString(), copy.ToString(), $"{tokens}" })
        {
            Assert.DoesNotContain(Access, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Refresh, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Id, text, StringComparison.Ordinal);
            Assert.Contains("HasRefreshToken = True", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AccessToken_and_ProtectedTokenSet_ToString_print_no_secret()
    {
        var token = new AccessToken(Access, "Bearer", DateTimeOffset.UnixEpoch);
        var stored = new ProtectedTokenSet("ciphertext-that-is-secret-enough", DateTimeOffset.UnixEpoch, HasRefreshToken: true);

        Assert.DoesNotContain(Access, token.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("ciphertext-that-is-secret-enough", stored.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TokenSet_rejects_an_empty_access_token_in_a_with_copy()
    {
        var tokens = new TokenSet(Access);

        Assert.Throws<ArgumentException>(() => tokens with { AccessToken = "" });
    }
}
