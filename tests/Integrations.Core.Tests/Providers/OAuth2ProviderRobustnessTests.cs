using System.Net;
using Integrations.Core.Tests.Providers.Support;
using RichardSzalay.MockHttp;

namespace Integrations.Core.Tests.Providers;

public sealed class OAuth2ProviderRobustnessTests
{
    private static readonly CodeExchangeContext Exchange = new()
    {
        Code = "SplxlOBeZQQYbYS6WxSbIA",
        CodeVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        RedirectUri = new Uri(OAuthFixtures.RedirectUri),
        Callback = new ConnectCallback { Code = "SplxlOBeZQQYbYS6WxSbIA", State = "s" },
    };

    public static TheoryData<string, string> UnreadableBodies => new()
    {
        { "text/html", OAuthFixtures.HtmlPage },
        { "text/plain", "access_token=leaked-secret-token-value&token_type=bearer" },
        { "application/json", """{"access_token":"leaked-secret-token-value","token_type":"Bearer" """ },
        { "application/json", """["leaked-secret-token-value"]""" },
        { "application/json", """{"token_type":"Bearer","expires_in":3600}""" },
        { "application/json", """{"access_token":"","token_type":"Bearer"}""" },
        { "application/json", """{"access_token":"leaked-secret-token-value","expires_in":"soon"}""" },
        { "application/json", "" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task A_200_token_response_that_is_not_a_token_response_is_an_invalid_response_without_the_body_in_the_message(string mediaType, string body)
    {
        using var host = ProviderTestHost.OAuth2();
        host.RespondToToken(HttpStatusCode.OK, body, mediaType);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.ExchangeCodeAsync(Exchange));

        Assert.Equal(IntegrationErrorCode.InvalidResponse, error.Code);
        Assert.Equal(200, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.DoesNotContain("leaked-secret-token-value", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_html_error_page_keeps_its_status_code_and_stays_out_of_the_message()
    {
        using var host = ProviderTestHost.OAuth2();
        host.RespondToToken(HttpStatusCode.BadGateway, OAuthFixtures.HtmlPage, "text/html");

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.ExchangeCodeAsync(Exchange));

        Assert.Equal(IntegrationErrorCode.ProviderUnavailable, error.Code);
        Assert.Equal(502, error.StatusCode);
        Assert.DoesNotContain("leaked-secret-token-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_declared_larger_than_the_limit_is_not_read()
    {
        using var host = ProviderTestHost.OAuth2(o => o.MaxResponseBytes = 1024);
        host.RespondToToken(HttpStatusCode.OK, OAuthFixtures.TokenResponse().PadRight(2048));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.ExchangeCodeAsync(Exchange));

        Assert.Equal(IntegrationErrorCode.InvalidResponse, error.Code);
        Assert.Contains("larger than 1024 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endless_body_without_length_is_cut_at_the_limit()
    {
        using var host = ProviderTestHost.OAuth2(o => o.MaxResponseBytes = 4096);
        host.Http.When(HttpMethod.Post, OAuthFixtures.TokenEndpoint).Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new EndlessStream()),
        });

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.ExchangeCodeAsync(Exchange));

        Assert.Equal(IntegrationErrorCode.InvalidResponse, error.Code);
        Assert.Contains("larger than 4096 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData("Thu, 01 Jan 2026 12:02:00 GMT", 120)]
    public async Task Throttling_is_transient_and_carries_retry_after_as_delay_or_date(string retryAfter, int expectedSeconds)
    {
        using var host = ProviderTestHost.OAuth2();
        var token = host.Record(HttpMethod.Post, OAuthFixtures.TokenEndpoint, HttpStatusCode.TooManyRequests, """{"error":"slow_down"}""",
            headers: [new("Retry-After", retryAfter)]);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.ExchangeCodeAsync(Exchange));

        Assert.Equal(IntegrationErrorCode.RateLimitExceeded, error.Code);
        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), error.RetryAfter);
        Assert.Equal(1, token.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Server_errors_are_transient_and_the_token_request_is_sent_once(HttpStatusCode status)
    {
        using var host = ProviderTestHost.OAuth2();
        var token = host.RespondToToken(status, """{"error":"server_error"}""");

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.ExchangeCodeAsync(Exchange));

        Assert.Equal(IntegrationErrorCode.ProviderUnavailable, error.Code);
        Assert.True(error.IsTransient);
        Assert.Equal("server_error", error.ProviderError);
        Assert.Equal(1, token.Count);
    }

    [Fact]
    public async Task A_network_failure_is_a_transient_connection_error()
    {
        using var host = ProviderTestHost.OAuth2();
        host.Http.When(HttpMethod.Post, OAuthFixtures.TokenEndpoint).Throw(new HttpRequestException("Connection refused (auth.example.test:443)"));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.ExchangeCodeAsync(Exchange));

        Assert.Equal(IntegrationErrorCode.ConnectionError, error.Code);
        Assert.True(error.IsTransient);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_timeout_is_a_transient_connection_error()
    {
        using var host = ProviderTestHost.OAuth2();
        host.Http.When(HttpMethod.Post, OAuthFixtures.TokenEndpoint).Throw(new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException()));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => host.Provider.ExchangeCodeAsync(Exchange));

        Assert.Equal(IntegrationErrorCode.ConnectionError, error.Code);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task The_callers_cancellation_is_rethrown_as_cancellation()
    {
        using var host = ProviderTestHost.OAuth2();
        var token = host.RespondToToken(HttpStatusCode.OK, OAuthFixtures.TokenResponse());
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Provider.ExchangeCodeAsync(Exchange, cancellation.Token));
        Assert.Equal(0, token.Count);
    }

    [Fact]
    public async Task Cancellation_while_the_provider_answers_is_rethrown_as_cancellation()
    {
        using var host = ProviderTestHost.OAuth2();
        using var cancellation = new CancellationTokenSource();
        host.Http.When(HttpMethod.Post, OAuthFixtures.TokenEndpoint).Respond(_ =>
        {
            cancellation.Cancel();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new EndlessStream()) };
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Provider.ExchangeCodeAsync(Exchange, cancellation.Token));
    }

    /// <summary>A body that never ends and has no length, like a misbehaving proxy streaming garbage.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'a');
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
