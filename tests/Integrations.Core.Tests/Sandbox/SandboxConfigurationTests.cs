using System.Net;
using Integrations.Testing;
using Integrations.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Core.Tests.Sandbox;

public sealed class SandboxConfigurationTests
{
    [Fact]
    public void ConfigureProvider_points_the_generic_provider_at_the_server()
    {
        var server = new SandboxAuthorizationServer(new SandboxOptions { ClientAuthentication = ClientAuthenticationMethod.Post });
        var options = new OAuthProviderOptions();
        options.DefaultScopes.Add("stale");

        server.ConfigureProvider(options);

        Assert.Equal(SandboxDefaults.ClientId, options.ClientId);
        Assert.Equal(SandboxDefaults.ClientSecret, options.ClientSecret);
        Assert.Equal(ClientAuthenticationMethod.Post, options.ClientAuthentication);
        Assert.Equal(new Uri("https://sandbox.integrations.invalid/oauth2/authorize"), options.AuthorizationEndpoint);
        Assert.Equal(new Uri("https://sandbox.integrations.invalid/oauth2/token"), options.TokenEndpoint);
        Assert.Equal(new Uri("https://sandbox.integrations.invalid/oauth2/revoke"), options.RevocationEndpoint);
        Assert.Equal(new Uri("https://sandbox.integrations.invalid/oauth2/userinfo"), options.UserInfoEndpoint);
        Assert.Equal(SandboxDefaults.Scopes, options.DefaultScopes);
        Assert.Equal("sub", options.ProfileMapping.Id);
    }

    [Fact]
    public void ConfigureProvider_leaves_out_the_secret_of_a_public_client()
    {
        var server = new SandboxAuthorizationServer(new SandboxOptions { ClientAuthentication = ClientAuthenticationMethod.None, ClientSecret = null });
        var options = new OAuthProviderOptions { ClientSecret = "left-over" };

        server.ConfigureProvider(options);

        Assert.Null(options.ClientSecret);
        Assert.Equal(ClientAuthenticationMethod.None, options.ClientAuthentication);
    }

    [Fact]
    public async Task Metadata_document_lists_the_endpoints_and_capabilities()
    {
        using var sandbox = new SandboxHarness(o => o.AdditionalScopes.Add("files.read"));

        using var response = await sandbox.Http.GetAsync(SandboxDefaults.MetadataPath);

        var json = await SandboxHarness.JsonAsync(response);
        Assert.Equal(sandbox.Server.Issuer, json.GetProperty("issuer").GetString());
        Assert.Equal(sandbox.Server.AuthorizationEndpoint.AbsoluteUri, json.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(sandbox.Server.TokenEndpoint.AbsoluteUri, json.GetProperty("token_endpoint").GetString());
        Assert.Equal(sandbox.Server.RevocationEndpoint.AbsoluteUri, json.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(sandbox.Server.UserInfoEndpoint.AbsoluteUri, json.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(["S256"], json.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["client_secret_basic"], json.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("files.read", json.GetProperty("scopes_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Additional_scopes_can_be_requested()
    {
        using var sandbox = new SandboxHarness(o => o.AdditionalScopes.Add("files.read"));

        var tokens = await sandbox.ConnectAsync("openid files.read");

        Assert.Equal("openid files.read", tokens.Scope);
    }

    [Fact]
    public void Options_are_copied_when_the_server_is_created()
    {
        var options = new SandboxOptions();
        var server = new SandboxAuthorizationServer(options);

        options.ClientId = "changed";
        options.BaseUri = new Uri("https://elsewhere.invalid/");

        Assert.Equal(SandboxDefaults.ClientId, server.ClientId);
        Assert.Equal(SandboxDefaults.BaseUri, server.BaseUri);
    }

    public static TheoryData<string, Action<SandboxOptions>> InvalidOptions => new()
    {
        { "BaseUri", o => o.BaseUri = new Uri("/relative", UriKind.Relative) },
        { "BaseUri", o => o.BaseUri = new Uri("ftp://sandbox.invalid/") },
        { "BaseUri", o => o.BaseUri = new Uri("https://sandbox.invalid/?x=1") },
        { "ClientId", o => o.ClientId = " " },
        { "ClientSecret", o => o.ClientSecret = "" },
        { "ClientAuthentication", o => o.ClientAuthentication = (ClientAuthenticationMethod)7 },
        { "RedirectUris", o => o.RedirectUris.Add(new Uri("https://app.example.test/cb#fragment")) },
        { "account", o => o.Account = new SandboxAccount { Id = "" } },
        { "unique", o => o.AdditionalAccounts.Add(new SandboxAccount()) },
        { "AdditionalScopes", o => o.AdditionalScopes.Add("two words") },
        { "AccessTokenLifetime", o => o.AccessTokenLifetime = TimeSpan.Zero },
        { "RefreshTokenLifetime", o => o.RefreshTokenLifetime = TimeSpan.FromMilliseconds(10) },
        { "AuthorizationCodeLifetime", o => o.AuthorizationCodeLifetime = TimeSpan.FromSeconds(-1) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_refused_with_the_setting_named(string setting, Action<SandboxOptions> breakIt)
    {
        var options = new SandboxOptions();
        breakIt(options);

        var error = Assert.Throws<ArgumentException>(() => new SandboxAuthorizationServer(options));

        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public async Task AddSandboxServer_registers_the_server_and_routes_the_provider_backchannel_to_it()
    {
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddIntegrations().AddSandboxServer("demo", o => o.AccessTokenLifetime = TimeSpan.FromMinutes(2));
        await using var provider = services.BuildServiceProvider();

        var server = provider.GetRequiredKeyedService<SandboxAuthorizationServer>("demo");
        Assert.Same(server, provider.GetRequiredService<SandboxAuthorizationServer>());
        using var backchannel = provider.GetRequiredService<IHttpClientFactory>().CreateClient(IntegrationsHttpClientNames.Backchannel("demo"));
        using var harness = new SandboxHarness(server, backchannel, time);
        var tokens = await harness.ConnectAsync();

        Assert.Equal(120, tokens.ExpiresIn);
        Assert.Equal(1, server.Requests.CodeExchanges);
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.False(server.TryValidateAccessToken(tokens.AccessToken, out _));
    }

    [Fact]
    public async Task AddSandboxServer_validates_the_options_at_start()
    {
        var services = new ServiceCollection();
        services.AddIntegrations().AddSandboxServer(configure: o => o.ClientId = "");
        await using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("ClientId", error.Message);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<SandboxAuthorizationServer>());
    }

    [Fact]
    public async Task CreateHandler_returns_independent_handlers_over_one_server()
    {
        var server = new SandboxAuthorizationServer();
        var disposed = server.CreateHandler();
        disposed.Dispose();

        using var client = new HttpClient(server.CreateHandler());
        using var response = await client.GetAsync(server.MetadataEndpoint);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
