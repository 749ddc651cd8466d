using System.Net;
using System.Net.Http.Headers;
using Integrations.Testing;
using static Integrations.Core.Tests.Sandbox.SandboxHarness;

namespace Integrations.Core.Tests.Sandbox;

public sealed class SandboxClientAuthenticationTests
{
    [Theory]
    [InlineData(ClientAuthenticationMethod.Basic)]
    [InlineData(ClientAuthenticationMethod.Post)]
    [InlineData(ClientAuthenticationMethod.None)]
    public async Task The_registered_method_is_accepted(ClientAuthenticationMethod method)
    {
        using var sandbox = new SandboxHarness(o => o.ClientAuthentication = method);
        var (code, verifier) = await sandbox.AuthorizeAsync();

        using var response = await sandbox.ExchangeCodeAsync(code, verifier, method);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(ClientAuthenticationMethod.Basic, ClientAuthenticationMethod.Post)]
    [InlineData(ClientAuthenticationMethod.Basic, ClientAuthenticationMethod.None)]
    [InlineData(ClientAuthenticationMethod.Post, ClientAuthenticationMethod.Basic)]
    [InlineData(ClientAuthenticationMethod.None, ClientAuthenticationMethod.Basic)]
    public async Task Another_method_than_the_registered_one_is_invalid_client(ClientAuthenticationMethod registered, ClientAuthenticationMethod used)
    {
        using var sandbox = new SandboxHarness(o => o.ClientAuthentication = registered);
        var (code, verifier) = await sandbox.AuthorizeAsync();

        using var response = await sandbox.ExchangeCodeAsync(code, verifier, used);

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task Basic_credentials_are_form_urldecoded_as_rfc_6749_requires()
    {
        const string secret = "s3cret:with spaces&symbols+";
        using var sandbox = new SandboxHarness(o => o.ClientSecret = secret);
        var (code, verifier) = await sandbox.AuthorizeAsync();

        using var response = await sandbox.ExchangeCodeAsync(code, verifier);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(ClientAuthenticationMethod.Basic)]
    [InlineData(ClientAuthenticationMethod.Post)]
    public async Task Wrong_secret_is_invalid_client_with_401(ClientAuthenticationMethod method)
    {
        using var sandbox = new SandboxHarness(o => o.ClientAuthentication = method);
        var (code, verifier) = await sandbox.AuthorizeAsync();
        (string, string)[] form = [("grant_type", "authorization_code"), ("code", code), ("code_verifier", verifier), ("redirect_uri", RedirectUri.AbsoluteUri)];
        using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.Server.TokenEndpoint);
        var fields = form.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).ToList();
        if (method == ClientAuthenticationMethod.Basic)
        {
            request.Headers.Authorization = BasicCredentials(sandbox.Server.ClientId, "wrong");
        }
        else
        {
            fields.AddRange([new("client_id", sandbox.Server.ClientId), new("client_secret", "wrong")]);
        }

        request.Content = new FormUrlEncodedContent(fields);
        using var response = await sandbox.Http.SendAsync(request);

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
        using var retry = await sandbox.ExchangeCodeAsync(code, verifier, method);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task Unknown_client_id_is_invalid_client()
    {
        using var sandbox = new SandboxHarness();
        using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.Server.TokenEndpoint)
        {
            Headers = { Authorization = BasicCredentials("other-client", sandbox.Server.ClientSecret) },
            Content = new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", "x")]),
        };

        using var response = await sandbox.Http.SendAsync(request);

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task No_client_authentication_is_invalid_request()
    {
        using var sandbox = new SandboxHarness();

        using var response = await sandbox.Http.PostAsync(sandbox.Server.TokenEndpoint,
            new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", "x")]));

        var description = await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("no client authentication", description);
    }

    [Fact]
    public async Task Two_authentication_mechanisms_at_once_are_invalid_request()
    {
        using var sandbox = new SandboxHarness();
        using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.Server.TokenEndpoint)
        {
            Headers = { Authorization = BasicCredentials(sandbox.Server.ClientId, sandbox.Server.ClientSecret) },
            Content = new FormUrlEncodedContent(
                [new("grant_type", "refresh_token"), new("refresh_token", "x"), new("client_id", sandbox.Server.ClientId), new("client_secret", sandbox.Server.ClientSecret)]),
        };

        using var response = await sandbox.Http.SendAsync(request);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData("Basic", "not base64!")]
    [InlineData("Basic", "bm8tY29sb24=")]
    [InlineData("Bearer", "some-token")]
    public async Task Malformed_authorization_header_is_invalid_client(string scheme, string parameter)
    {
        using var sandbox = new SandboxHarness();
        using var request = new HttpRequestMessage(HttpMethod.Post, sandbox.Server.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", "x")]),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {parameter}");

        using var response = await sandbox.Http.SendAsync(request);

        await AssertOAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }
}
