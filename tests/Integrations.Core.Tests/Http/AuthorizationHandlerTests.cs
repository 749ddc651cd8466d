using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Integrations.Core.Tests.Http;

public sealed class AuthorizationHandlerTests : IDisposable
{
    private readonly HttpTestHost _host = new();
    private TrackedContent? _firstContent;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Request_carries_the_integrations_token_from_the_token_provider()
    {
        _host.Tokens.Current = new AccessToken("ya29.current", "Bearer", null);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).WithHeaders("Authorization", "Bearer ya29.current").Respond(HttpStatusCode.OK);

        using var response = await _host.GetAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([HttpTestHost.Integration], _host.Tokens.Integrations);
        Assert.Equal(0, _host.Tokens.RefreshCalls);
    }

    [Fact]
    public async Task Unauthorized_forces_one_refresh_of_the_rejected_token_and_resends_with_the_new_one()
    {
        var rejected = _host.Tokens.Current;
        _host.Tokens.NextOnRefresh = new AccessToken("token-2", "Bearer", null);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(_ => TrackedContent.Response(HttpStatusCode.Unauthorized, out _firstContent));
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.OK);

        using var response = await _host.GetAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _host.Tokens.RefreshCalls);
        Assert.Same(rejected, Assert.Single(_host.Tokens.RejectedTokens));
        Assert.Equal(["Bearer token-1", "Bearer token-2"], _host.Recorder.AuthorizationHeaders);
        Assert.True(_firstContent!.IsDisposed);
    }

    [Fact]
    public async Task Unauthorized_without_a_newer_token_returns_the_401_without_resending()
    {
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.Unauthorized);

        using var response = await _host.GetAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, _host.Tokens.RefreshCalls);
        Assert.Equal(1, _host.Recorder.Count);
    }

    [Fact]
    public async Task Unauthorized_again_after_the_resend_is_returned_without_another_refresh()
    {
        _host.Tokens.NextOnRefresh = new AccessToken("token-2", "Bearer", null);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.Unauthorized);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.Unauthorized);

        using var response = await _host.GetAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, _host.Tokens.RefreshCalls);
        Assert.Equal(2, _host.Recorder.Count);
    }

    [Fact]
    public async Task A_retried_request_gets_at_most_one_forced_refresh()
    {
        _host.Tokens.NextOnRefresh = new AccessToken("token-2", "Bearer", null);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.Unauthorized);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.ServiceUnavailable);
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(HttpStatusCode.Unauthorized);

        using var response = await _host.GetAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(1, _host.Tokens.RefreshCalls);
        Assert.Equal(["Bearer token-1", "Bearer token-2", "Bearer token-2"], _host.Recorder.AuthorizationHeaders);
    }

    [Fact]
    public async Task Failed_refresh_after_401_surfaces_the_token_providers_error()
    {
        _host.Tokens.RefreshFailure = new IntegrationException(IntegrationErrorCode.ReauthorizationRequired, "The grant is gone.");
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).Respond(_ => TrackedContent.Response(HttpStatusCode.Unauthorized, out _firstContent));

        var error = await Assert.ThrowsAsync<IntegrationException>(() => _host.GetAsync());

        Assert.Equal(IntegrationErrorCode.ReauthorizationRequired, error.Code);
        Assert.True(_firstContent!.IsDisposed);
        Assert.Equal(1, _host.Recorder.Count);
    }

    [Fact]
    public async Task Token_failure_surfaces_the_token_providers_error_and_sends_nothing()
    {
        _host.Tokens.GetFailure = new IntegrationException(IntegrationErrorCode.ReauthorizationRequired, "The grant is gone.");

        var error = await Assert.ThrowsAsync<IntegrationException>(() => _host.GetAsync());

        Assert.Same(_host.Tokens.GetFailure, error);
        Assert.Equal(1, _host.Tokens.GetCalls);
        Assert.Equal(0, _host.Recorder.Count);
    }

    [Fact]
    public async Task Request_without_an_integration_is_an_invalid_request_and_is_not_sent()
    {
        var client = _host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpTestHost.ClientName);

        var error = await Assert.ThrowsAsync<IntegrationException>(() => client.GetAsync(HttpTestHost.Url));

        Assert.Equal(IntegrationErrorCode.InvalidRequest, error.Code);
        Assert.Equal(0, _host.Tokens.GetCalls);
        Assert.Equal(0, _host.Recorder.Count);
    }

    [Fact]
    public async Task Request_marked_with_an_integration_through_the_plain_factory_client_is_authorized()
    {
        var other = new IntegrationKey(Guid.NewGuid(), IntegrationOwner.ForUser("user-2"));
        _host.Mock.Expect(HttpMethod.Get, HttpTestHost.Url).WithHeaders("Authorization", "Bearer token-1").Respond(HttpStatusCode.OK);
        var client = _host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpTestHost.ClientName);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, HttpTestHost.Url).SetIntegration(other));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([other], _host.Tokens.Integrations);
    }
}
