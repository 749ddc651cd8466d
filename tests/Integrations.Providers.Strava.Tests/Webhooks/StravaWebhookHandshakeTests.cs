using Integrations.Providers.Strava.Tests.Support;

namespace Integrations.Providers.Strava.Tests.Webhooks;

public sealed class StravaWebhookHandshakeTests
{
    [Fact]
    public async Task The_handshake_echoes_the_challenge_as_json_when_the_verify_token_matches()
    {
        await using var host = new StravaTestHost();

        var response = host.Webhooks.HandleVerification(Query("subscribe", "15f7d1a91c1f40f8a748fd134752feb3", StravaTestHost.VerifyToken));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", response.ContentType);
        Assert.Equal("""{"hub.challenge":"15f7d1a91c1f40f8a748fd134752feb3"}""", response.Body);
    }

    [Theory]
    [InlineData("STRAVA-VERIFy")]
    [InlineData("STRAVA-VERIFY ")]
    [InlineData("")]
    [InlineData("a-much-longer-guess-than-the-real-verify-token")]
    public async Task A_wrong_verify_token_is_refused_with_403(string token)
    {
        await using var host = new StravaTestHost();

        var response = host.Webhooks.HandleVerification(Query("subscribe", "challenge", token));

        Assert.Equal(403, response.StatusCode);
        Assert.DoesNotContain("challenge", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(StravaTestHost.VerifyToken, response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_verify_token_every_handshake_is_refused()
    {
        await using var host = new StravaTestHost(o => o.Webhooks.VerifyToken = null);

        Assert.Equal(403, host.Webhooks.HandleVerification(Query("subscribe", "challenge", "anything")).StatusCode);
    }

    [Theory]
    [InlineData(null, "challenge", StravaTestHost.VerifyToken)]
    [InlineData("unsubscribe", "challenge", StravaTestHost.VerifyToken)]
    [InlineData("subscribe", null, StravaTestHost.VerifyToken)]
    [InlineData("subscribe", "challenge", null)]
    public async Task A_request_that_is_not_a_handshake_is_400(string? mode, string? challenge, string? token)
    {
        await using var host = new StravaTestHost();

        Assert.Equal(400, host.Webhooks.HandleVerification(Query(mode, challenge, token)).StatusCode);
    }

    [Fact]
    public async Task A_challenge_with_quotes_is_escaped_not_injected()
    {
        await using var host = new StravaTestHost();

        var response = host.Webhooks.HandleVerification(Query("subscribe", "a\",\"x\":\"y", StravaTestHost.VerifyToken));

        using var document = System.Text.Json.JsonDocument.Parse(response.Body);
        Assert.Equal("a\",\"x\":\"y", document.RootElement.GetProperty("hub.challenge").GetString());
        Assert.Single(document.RootElement.EnumerateObject());
    }

    private static List<KeyValuePair<string, string?>> Query(string? mode, string? challenge, string? token)
    {
        List<KeyValuePair<string, string?>> query = [];
        if (mode is not null)
        {
            query.Add(new("hub.mode", mode));
        }

        if (challenge is not null)
        {
            query.Add(new("hub.challenge", challenge));
        }

        if (token is not null)
        {
            query.Add(new("hub.verify_token", token));
        }

        return query;
    }
}
