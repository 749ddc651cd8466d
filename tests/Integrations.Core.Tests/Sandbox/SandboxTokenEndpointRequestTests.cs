using System.Net;
using System.Text;
using Integrations.Testing;
using static Integrations.Core.Tests.Sandbox.SandboxHarness;

namespace Integrations.Core.Tests.Sandbox;

public sealed class SandboxTokenEndpointRequestTests
{
    [Fact]
    public async Task Unknown_grant_type_is_unsupported_grant_type()
    {
        using var sandbox = new SandboxHarness();

        using var response = await sandbox.PostTokenAsync([("grant_type", "password"), ("username", "u"), ("password", "p")]);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type");
    }

    [Fact]
    public async Task Missing_grant_type_is_invalid_request()
    {
        using var sandbox = new SandboxHarness();

        using var response = await sandbox.PostTokenAsync([("refresh_token", "x")]);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Empty_parameter_counts_as_missing()
    {
        using var sandbox = new SandboxHarness();

        using var response = await sandbox.PostTokenAsync([("grant_type", "refresh_token"), ("refresh_token", "")]);

        var description = await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("refresh_token", description);
    }

    [Fact]
    public async Task Repeated_parameter_is_invalid_request()
    {
        using var sandbox = new SandboxHarness();
        var tokens = await sandbox.ConnectAsync();

        using var response = await sandbox.PostTokenAsync([("grant_type", "refresh_token"), ("refresh_token", tokens.RefreshToken!), ("refresh_token", "other")]);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        await sandbox.RefreshOkAsync(tokens.RefreshToken!);
    }

    [Fact]
    public async Task Json_body_is_invalid_request()
    {
        using var sandbox = new SandboxHarness();
        using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.Server.TokenEndpoint)
        {
            Headers = { Authorization = BasicCredentials(sandbox.Server.ClientId, sandbox.Server.ClientSecret) },
            Content = new StringContent("""{"grant_type":"refresh_token","refresh_token":"x"}""", Encoding.UTF8, "application/json"),
        };

        using var response = await sandbox.Http.SendAsync(request);

        var description = await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("x-www-form-urlencoded", description);
    }

    [Fact]
    public async Task Get_on_the_token_endpoint_is_method_not_allowed()
    {
        using var sandbox = new SandboxHarness();

        using var response = await sandbox.Http.GetAsync(sandbox.Server.TokenEndpoint);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Unknown_path_is_404()
    {
        using var sandbox = new SandboxHarness();

        using var response = await sandbox.Http.GetAsync("oauth2/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, sandbox.Server.Requests.Total);
    }

    [Theory]
    [InlineData("https://elsewhere.example.test/oauth2/token")]
    [InlineData("http://sandbox.integrations.invalid/oauth2/token")]
    [InlineData("https://sandbox.integrations.invalid:8443/oauth2/token")]
    public async Task Requests_to_another_host_fail_like_an_unreachable_host(string url)
    {
        using var sandbox = new SandboxHarness();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => sandbox.Http.GetAsync(url));

        Assert.Equal(HttpRequestError.NameResolutionError, error.HttpRequestError);
    }

    [Fact]
    public async Task Server_with_a_base_path_answers_under_that_path_only()
    {
        using var sandbox = new SandboxHarness(o => o.BaseUri = new Uri("https://sandbox.integrations.invalid/tenant-a"));

        var callback = await sandbox.Server.AuthorizeAsync(sandbox.AuthorizationUrl(NewPkce().Challenge));
        using var metadata = await sandbox.Http.GetAsync(sandbox.Server.MetadataEndpoint);
        using var outside = await sandbox.Http.GetAsync("https://sandbox.integrations.invalid/" + SandboxDefaults.MetadataPath);

        Assert.Equal("https://sandbox.integrations.invalid/tenant-a/oauth2/authorize", sandbox.Server.AuthorizationEndpoint.AbsoluteUri);
        Assert.Equal("https://sandbox.integrations.invalid/tenant-a", Query(callback)["iss"]);
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
    }
}
