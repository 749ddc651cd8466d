using System.Net;
using System.Text.Json;
using Integrations.Testing;
using static Integrations.Core.Tests.Sandbox.SandboxHarness;

namespace Integrations.Core.Tests.Sandbox;

public sealed class SandboxFailureInjectionTests
{
    [Fact]
    public async Task Injected_invalid_grant_answers_once_and_leaves_the_grant_intact()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();
        sandbox.Server.Failures.EnqueueTokenFailure(SandboxFailure.InvalidGrant);

        using var failed = await sandbox.RefreshAsync(tokens.RefreshToken!);

        await AssertOAuthErrorAsync(failed, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(0, sandbox.Server.Failures.Pending(SandboxEndpoint.Token));
        await sandbox.RefreshOkAsync(tokens.RefreshToken!);
    }

    [Fact]
    public async Task Injected_server_error_is_500_json_and_does_not_consume_the_refresh_token()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();
        sandbox.Server.Failures.EnqueueTokenFailure(SandboxFailure.ServerError);

        using var failed = await sandbox.RefreshAsync(tokens.RefreshToken!);

        await AssertOAuthErrorAsync(failed, HttpStatusCode.InternalServerError, "server_error");
        await sandbox.RefreshOkAsync(tokens.RefreshToken!);
    }

    [Fact]
    public async Task Too_many_requests_carries_retry_after_in_seconds()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();
        sandbox.Server.Failures.EnqueueApiFailure(SandboxFailure.TooManyRequests(TimeSpan.FromSeconds(30)));

        using var failed = await sandbox.GetAsync(sandbox.Server.MessagesEndpoint, tokens.AccessToken);

        Assert.Equal(HttpStatusCode.TooManyRequests, failed.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), failed.Headers.RetryAfter?.Delta);
        using var next = await sandbox.GetAsync(sandbox.Server.MessagesEndpoint, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Too_many_requests_can_carry_retry_after_as_an_http_date()
    {
        using var sandbox = new SandboxHarness();
        var retryAt = new DateTimeOffset(2026, 1, 1, 12, 5, 0, TimeSpan.Zero);
        sandbox.Server.Failures.EnqueueTokenFailure(SandboxFailure.TooManyRequests(retryAt));

        using var failed = await sandbox.RefreshAsync("any");

        Assert.Equal(HttpStatusCode.TooManyRequests, failed.StatusCode);
        Assert.Equal(retryAt, failed.Headers.RetryAfter?.Date);
        Assert.Null(failed.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Too_many_requests_without_delay_has_no_retry_after()
    {
        using var sandbox = new SandboxHarness();
        sandbox.Server.Failures.EnqueueTokenFailure(SandboxFailure.TooManyRequests());

        using var failed = await sandbox.RefreshAsync("any");

        Assert.Equal(HttpStatusCode.TooManyRequests, failed.StatusCode);
        Assert.Null(failed.Headers.RetryAfter);
    }

    [Fact]
    public async Task Service_unavailable_is_503_with_retry_after()
    {
        using var sandbox = new SandboxHarness();
        sandbox.Server.Failures.EnqueueUserInfoFailure(SandboxFailure.ServiceUnavailable(TimeSpan.FromSeconds(2.2)));

        using var failed = await sandbox.GetAsync(sandbox.Server.UserInfoEndpoint, "any");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), failed.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Injected_invalid_token_is_401_with_a_bearer_challenge_even_for_a_valid_token()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();
        sandbox.Server.Failures.EnqueueApiFailure(SandboxFailure.InvalidToken);

        using var failed = await sandbox.GetAsync(sandbox.Server.MessagesEndpoint, tokens.AccessToken);

        await AssertOAuthErrorAsync(failed, HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Contains(failed.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.True(sandbox.Server.TryValidateAccessToken(tokens.AccessToken, out _));
    }

    [Fact]
    public async Task Html_failure_is_a_200_html_page()
    {
        using var sandbox = new SandboxHarness();
        sandbox.Server.Failures.EnqueueTokenFailure(SandboxFailure.Html);

        using var failed = await sandbox.RefreshAsync("any");

        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal("text/html", failed.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html>", await failed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Malformed_json_failure_is_a_200_json_body_that_does_not_parse()
    {
        using var sandbox = new SandboxHarness();
        sandbox.Server.Failures.EnqueueTokenFailure(SandboxFailure.MalformedJson);

        using var failed = await sandbox.RefreshAsync("any");

        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal("application/json", failed.Content.Headers.ContentType?.MediaType);
        var body = await failed.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Custom_response_is_sent_as_given()
    {
        using var sandbox = new SandboxHarness();
        sandbox.Server.Failures.EnqueueApiFailure(SandboxFailure.Response(HttpStatusCode.BadGateway, "upstream down", "text/plain"));

        using var failed = await sandbox.GetAsync(sandbox.Server.MessagesEndpoint, "any");

        Assert.Equal(HttpStatusCode.BadGateway, failed.StatusCode);
        Assert.Equal("text/plain", failed.Content.Headers.ContentType?.MediaType);
        Assert.Equal("upstream down", await failed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Network_error_throws_and_changes_nothing_at_the_server()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();
        sandbox.Server.Failures.EnqueueTokenFailure(SandboxFailure.NetworkError);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.RefreshAsync(tokens.RefreshToken!));

        Assert.Equal(HttpRequestError.ConnectionError, error.HttpRequestError);
        Assert.Equal(1, sandbox.Server.Requests.Refreshes);
        await sandbox.RefreshOkAsync(tokens.RefreshToken!);
    }

    [Fact]
    public async Task Lost_response_rotates_the_refresh_token_so_resending_it_revokes_the_grant()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();
        sandbox.Server.Failures.EnqueueTokenFailure(SandboxFailure.ResponseLost);

        await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.RefreshAsync(tokens.RefreshToken!));
        using var retry = await sandbox.RefreshAsync(tokens.RefreshToken!);

        await AssertOAuthErrorAsync(retry, HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(0, sandbox.Server.ActiveGrantCount);
    }

    [Fact]
    public async Task Slow_response_waits_for_the_fake_clock_then_answers_normally()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();
        sandbox.Server.Failures.EnqueueApiFailure(SandboxFailure.Slow(TimeSpan.FromSeconds(10)));

        var pending = sandbox.GetAsync(sandbox.Server.MessagesEndpoint, tokens.AccessToken);

        Assert.Equal(1, sandbox.Time.PendingTimers);
        Assert.Equal(1, sandbox.Server.Requests[SandboxEndpoint.Api]);
        sandbox.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(pending.IsCompleted);
        sandbox.Time.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Slow_response_checks_the_token_when_it_answers()
    {
        using var sandbox = new SandboxHarness(o => o.AccessTokenLifetime = TimeSpan.FromSeconds(5));
        var tokens = await sandbox.ConnectAsync();
        sandbox.Server.Failures.EnqueueApiFailure(SandboxFailure.Slow(TimeSpan.FromSeconds(10)));

        var pending = sandbox.GetAsync(sandbox.Server.MessagesEndpoint, tokens.AccessToken);
        Assert.Equal(1, sandbox.Time.PendingTimers);
        sandbox.Time.Advance(TimeSpan.FromSeconds(10));

        using var response = await pending;
        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Slow_response_is_cancelled_by_the_caller_and_consumes_nothing()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();
        sandbox.Server.Failures.EnqueueTokenFailure(SandboxFailure.Slow(TimeSpan.FromMinutes(5)));
        using var cancellation = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.Server.TokenEndpoint)
        {
            Headers = { Authorization = BasicCredentials(sandbox.Server.ClientId, sandbox.Server.ClientSecret) },
            Content = new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", tokens.RefreshToken!)]),
        };

        var pending = sandbox.Http.SendAsync(request, cancellation.Token);
        Assert.Equal(1, sandbox.Time.PendingTimers);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Equal(0, sandbox.Time.PendingTimers);
        await sandbox.RefreshOkAsync(tokens.RefreshToken!);
    }

    [Fact]
    public async Task Failures_apply_in_order_for_the_number_of_times_queued()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();
        sandbox.Server.Failures.EnqueueApiFailure(SandboxFailure.ServerError, times: 3);
        sandbox.Server.Failures.EnqueueApiFailure(SandboxFailure.TooManyRequests());

        List<HttpStatusCode> statuses = [];
        for (var i = 0; i < 5; i++)
        {
            using var response = await sandbox.GetAsync(sandbox.Server.MessagesEndpoint, tokens.AccessToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(
            [HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.TooManyRequests, HttpStatusCode.OK],
            statuses);
        Assert.Equal(5, sandbox.Server.Requests[SandboxEndpoint.Api]);
    }

    [Fact]
    public async Task Failures_apply_only_to_their_endpoint()
    {
        using var sandbox = new SandboxHarness();
        sandbox.Server.Failures.EnqueueRevocationFailure(SandboxFailure.ServerError);

        var tokens = await sandbox.ConnectAsync();
        using var userInfo = await sandbox.GetAsync(sandbox.Server.UserInfoEndpoint, tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, userInfo.StatusCode);
        Assert.Equal(1, sandbox.Server.Failures.Pending(SandboxEndpoint.Revocation));
        using var revoke = await sandbox.PostFormAsync(sandbox.Server.RevocationEndpoint, [("token", tokens.RefreshToken!)]);
        Assert.Equal(HttpStatusCode.InternalServerError, revoke.StatusCode);
        Assert.Equal(1, sandbox.Server.ActiveGrantCount);
    }

    [Fact]
    public async Task Clear_forgets_queued_failures()
    {
        using var sandbox = new SandboxHarness();
        sandbox.Server.Failures.EnqueueTokenFailure(SandboxFailure.ServerError, times: 2);
        sandbox.Server.Failures.EnqueueApiFailure(SandboxFailure.ServerError);

        sandbox.Server.Failures.Clear();

        Assert.Equal(0, sandbox.Server.Failures.Pending(SandboxEndpoint.Token));
        Assert.Equal(0, sandbox.Server.Failures.Pending(SandboxEndpoint.Api));
        await sandbox.ConnectAsync();
    }

    [Fact]
    public void Invalid_failure_arguments_are_refused()
    {
        var failures = new SandboxFailures();

        Assert.Throws<ArgumentOutOfRangeException>(() => failures.EnqueueTokenFailure(SandboxFailure.ServerError, times: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => failures.Enqueue((SandboxEndpoint)99, SandboxFailure.ServerError));
        Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFailure.Slow(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFailure.TooManyRequests(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task Counters_count_every_request_per_endpoint_and_grant_type_and_reset()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();
        await sandbox.RefreshOkAsync(tokens.RefreshToken!);
        sandbox.Server.Failures.EnqueueTokenFailure(SandboxFailure.ServerError);
        using var failed = await sandbox.RefreshAsync("x");
        using var metadata = await sandbox.Http.GetAsync(sandbox.Server.MetadataEndpoint);

        var requests = sandbox.Server.Requests;
        Assert.Equal(1, requests[SandboxEndpoint.Authorization]);
        Assert.Equal(3, requests[SandboxEndpoint.Token]);
        Assert.Equal(1, requests.CodeExchanges);
        Assert.Equal(2, requests.Refreshes);
        Assert.Equal(1, requests[SandboxEndpoint.Metadata]);
        Assert.Equal(5, requests.Total);

        requests.Reset();

        Assert.Equal(0, requests.Total);
        Assert.Equal(0, requests.Refreshes);
        Assert.Equal(0, requests.CodeExchanges);
    }
}
