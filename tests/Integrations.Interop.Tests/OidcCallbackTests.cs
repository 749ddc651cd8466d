using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Nodes;
using System.Web;
using Integrations.Interop.Tests.Support;
using Integrations.TestSupport.Oidc;

namespace Integrations.Interop.Tests;

/// <summary>
/// What comes back to the redirect URI from the real server, honest or not: refusal, replay, a
/// tampered issuer, a swapped or forged id_token, and the four ways a login can go.
/// </summary>
public sealed class OidcCallbackTests(OidcServerFixture fixture) : IClassFixture<OidcServerFixture>
{
    private OidcProviderServer Server => fixture.Server;

    [Fact]
    public async Task User_who_cancels_at_the_login_page_gets_AccessDenied_and_nothing_is_stored()
    {
        await using var host = new InteropHost(Server);
        using var browser = Server.CreateBrowser();
        var start = await host.BeginAsync();

        var callback = await browser.AbortAsync(start.AuthorizationUrl);
        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.CompleteAsync(callback));

        Assert.Equal(IntegrationErrorCode.AccessDenied, error.Code);
        Assert.Equal("access_denied", error.ProviderError);
        Assert.Equal(0, host.Probe.TokenRequests("authorization_code"));
        Assert.Empty(await host.Manager.ListAsync(InteropHost.Owner));
    }

    [Fact]
    public async Task Replayed_callback_is_rejected_as_InvalidState_and_leaves_the_integration_unchanged()
    {
        await using var host = new InteropHost(Server);
        using var browser = Server.CreateBrowser();
        var codeGrants = await Server.CountGrantsAsync("authorization_code");
        var start = await host.BeginAsync();
        var callback = await browser.AuthorizeAsync(start.AuthorizationUrl, "dave");
        var integration = (await host.CompleteAsync(callback)).Integration;

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.CompleteAsync(callback));

        Assert.Equal(IntegrationErrorCode.InvalidState, error.Code);
        var stored = await host.ReadAsync(integration);
        Assert.Equal(integration.Version, stored.Version);
        Assert.Equal(integration.Tokens!.Ciphertext, stored.Tokens!.Ciphertext);

        // The code was not sent again: at this server a replayed code revokes the tokens issued from it.
        Assert.Equal(1, host.Probe.TokenRequests("authorization_code"));
        Assert.Equal(codeGrants + 1, await Server.CountGrantsAsync("authorization_code"));
        Assert.Equal(0, Server.CountLines("authorization code already consumed"));
        Assert.Equal(HttpStatusCode.OK, (await Server.UserInfoAsync((await host.GetTokenAsync(integration)).Value)).Status);
    }

    [Fact]
    public async Task Callback_completed_twice_at_once_exchanges_the_code_once()
    {
        // A double-click on the browser's back-and-forward, or two tabs: the same callback twice, concurrently.
        await using var host = new InteropHost(Server);
        using var browser = Server.CreateBrowser();
        var codeGrants = await Server.CountGrantsAsync("authorization_code");
        var start = await host.BeginAsync();
        var callback = await browser.AuthorizeAsync(start.AuthorizationUrl, "judy");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            try
            {
                return (Result: await host.CompleteAsync(callback), Error: (IntegrationException?)null);
            }
            catch (IntegrationException ex)
            {
                return (Result: (ConnectResult?)null, Error: ex);
            }
        })).WaitAsync(InteropHost.Patience);

        var connected = Assert.Single(outcomes, o => o.Result is not null).Result!;
        Assert.Equal(IntegrationErrorCode.InvalidState, Assert.Single(outcomes, o => o.Error is not null).Error!.Code);
        Assert.Equal(1, host.Probe.TokenRequests("authorization_code"));
        Assert.Equal(codeGrants + 1, await Server.CountGrantsAsync("authorization_code"));
        Assert.Equal(0, Server.CountLines("authorization code already consumed"));
        Assert.Equal(HttpStatusCode.OK, (await Server.UserInfoAsync((await host.GetTokenAsync(connected.Integration)).Value)).Status);
    }

    public static TheoryData<string, string?> TamperedIssuers => new()
    {
        { "another issuer", "http://127.0.0.1:1" },
        { "a trailing slash", "{issuer}/" },
        { "no iss at all", null },
    };

    [Theory]
    [MemberData(nameof(TamperedIssuers))]
    public async Task Callback_with_a_wrong_or_missing_iss_is_rejected_before_the_code_is_exchanged(string what, string? issuer)
    {
        await using var host = new InteropHost(Server);
        using var browser = Server.CreateBrowser();
        var start = await host.BeginAsync();
        var callback = await browser.AuthorizeAsync(start.AuthorizationUrl, "erin");
        Assert.Equal(Server.IssuerString, Query(callback)["iss"]);

        var tampered = WithIssuer(callback, issuer?.Replace("{issuer}", Server.IssuerString, StringComparison.Ordinal));
        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.CompleteAsync(tampered));

        Assert.True(error.Code == IntegrationErrorCode.OAuthError && error.Message.Contains("iss", StringComparison.Ordinal), $"{what}: {error.Code} {error.Message}");
        Assert.Equal(0, host.Probe.TokenRequests("authorization_code"));
        Assert.Empty(await host.Manager.ListAsync(InteropHost.Owner));
    }

    [Fact]
    public async Task Id_token_of_another_authorization_is_rejected_by_its_nonce_and_nothing_is_stored()
    {
        // A genuine id_token, signed by the server for this client, but issued to another flow.
        await using var other = new InteropHost(Server);
        using var otherBrowser = Server.CreateBrowser();
        var foreignIdToken = (await other.StoredTokensAsync((await other.ConnectAsync(otherBrowser, "frank")).Integration)).IdToken!;

        await AssertConnectRejectedAsync("frank", _ => foreignIdToken, "nonce");
    }

    [Fact]
    public async Task Id_token_whose_claims_were_changed_fails_the_signature_check_against_the_servers_keys() =>
        await AssertConnectRejectedAsync("grace", idToken => ReplaceSubject(idToken, "mallory"), "signature");

    [Fact]
    public async Task Login_and_consent_then_single_sign_on_then_consent_only_then_login_only_all_connect_the_same_account()
    {
        await using var host = new InteropHost(Server);
        using var browser = Server.CreateBrowser();

        // 1. A new browser: the login page, then the consent page.
        var first = await host.ConnectAsync(browser, "heidi", ["openid", "profile"]);
        Assert.True(first.IsNew);
        Assert.Equal((1, 1), (browser.LoginsSubmitted, browser.ConsentsSubmitted));

        // 2. Same browser, same scopes: the session and the grant cover it, a straight redirect.
        var sso = await host.ConnectAsync(browser, "heidi", ["openid", "profile"]);
        Assert.Equal((1, 1), (browser.LoginsSubmitted, browser.ConsentsSubmitted));

        // 3. One more scope: signed in already, so only the consent page.
        var moreScopes = await host.ConnectAsync(browser, "heidi", ["openid", "profile", "email"]);
        Assert.Equal((1, 2), (browser.LoginsSubmitted, browser.ConsentsSubmitted));
        Assert.Contains("email", moreScopes.Integration.GrantedScopes);

        // 4. prompt=login: the login page again, and the grant still covers the scopes.
        var relogin = await host.ConnectAsync(browser, "heidi", ["openid", "profile", "email"], ImmutableDictionary<string, string>.Empty.Add("prompt", "login"));
        Assert.Equal((2, 2), (browser.LoginsSubmitted, browser.ConsentsSubmitted));

        Assert.All([sso, moreScopes, relogin], r => Assert.False(r.IsNew));
        Assert.All([sso, moreScopes, relogin], r => Assert.Equal(first.Integration.Id, r.Integration.Id));
        var only = Assert.Single(await host.Manager.ListAsync(InteropHost.Owner));
        Assert.Equal("heidi", only.Account.Id);
        Assert.Equal(HttpStatusCode.OK, (await Server.UserInfoAsync((await host.GetTokenAsync(only)).Value)).Status);
    }

    /// <summary>Connects with the code exchange's id_token replaced; the SDK must refuse it and store nothing.</summary>
    private async Task AssertConnectRejectedAsync(string login, Func<string, string> replaceIdToken, string reason)
    {
        await using var host = new InteropHost(Server);
        using var browser = Server.CreateBrowser();
        host.Probe.RewriteTokenResponse = (grant, body) => grant == "authorization_code" ? WithIdToken(body, replaceIdToken(IdTokenOf(body))) : body;

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.ConnectAsync(browser, login));

        Assert.Equal(IntegrationErrorCode.OAuthError, error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Probe.TokenRequests("authorization_code"));
        Assert.Empty(await host.Manager.ListAsync(InteropHost.Owner));
    }

    private static IReadOnlyDictionary<string, string> Query(Uri uri)
    {
        var query = HttpUtility.ParseQueryString(uri.Query);
        return query.AllKeys.ToDictionary(k => k!, k => query[k]!);
    }

    private static Uri WithIssuer(Uri callback, string? issuer)
    {
        var query = HttpUtility.ParseQueryString(callback.Query);
        query.Remove("iss");
        if (issuer is not null)
        {
            query["iss"] = issuer;
        }

        return new UriBuilder(callback) { Query = query.ToString() }.Uri;
    }

    private static string IdTokenOf(string tokenResponse) => JsonNode.Parse(tokenResponse)!["id_token"]!.GetValue<string>();

    private static string WithIdToken(string tokenResponse, string idToken)
    {
        var json = JsonNode.Parse(tokenResponse)!.AsObject();
        json["id_token"] = idToken;
        return json.ToJsonString();
    }

    /// <summary>Changes the payload's <c>sub</c> and keeps the original signature.</summary>
    private static string ReplaceSubject(string jwt, string subject)
    {
        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        payload["sub"] = subject;
        parts[1] = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return string.Join('.', parts);
    }
}
