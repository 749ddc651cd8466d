using Integrations.Core.Tests.Tokens;
using Integrations.Testing;
using Integrations.TestSupport;
using Integrations.TestSupport.Oidc;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Sandbox;

/// <summary>
/// A host wired the way the README tells host apps to: <c>AddIntegrations().AddSandbox()</c>, one
/// fake clock shared by the SDK and the sandbox, and a probe on the provider's backchannel.
/// </summary>
internal sealed class SandboxSdkHost : IAsyncDisposable
{
    public static readonly IntegrationOwner Owner = IntegrationOwner.ForUser("user-1");
    public static readonly Uri RedirectUri = new("https://app.example.test/oauth/callback");
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(10);

    private readonly ServiceProvider _services;

    public SandboxSdkHost(Action<SandboxOptions>? configure = null, Action<OAuthProviderOptions>? configureProvider = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IIntegrationEventHandler>(Events);
        services.AddIntegrations()
            .AddSandbox(configure: o =>
            {
                o.AccessTokenLifetime = TokenLifetime;
                configure?.Invoke(o);
            }, configureProvider: configureProvider)
            .ConfigureBackchannel(SandboxDefaults.Name, b => b.AddHttpMessageHandler(Probe.CreateHandler));
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
    }

    public FakeTimeProvider Time { get; } = new();

    public RecordingEventHandler Events { get; } = new();

    public BackchannelProbe Probe { get; } = new();

    public IServiceProvider Services => _services;

    public SandboxAuthorizationServer Sandbox => _services.GetRequiredKeyedService<SandboxAuthorizationServer>(SandboxDefaults.Name);

    public IIntegrationManager Manager => _services.GetRequiredService<IIntegrationManager>();

    public IAccessTokenProvider Tokens => _services.GetRequiredService<IAccessTokenProvider>();

    public IIntegrationStore Store => _services.GetRequiredService<IIntegrationStore>();

    public Task<ConnectStart> BeginAsync() =>
        Manager.BeginConnectAsync(new BeginConnectRequest { Owner = Owner, Provider = SandboxDefaults.Name, RedirectUri = RedirectUri });

    /// <summary>Begin → the simulated user signs in and consents → complete.</summary>
    public async Task<Integration> ConnectAsync()
    {
        var start = await BeginAsync();
        var callback = await Sandbox.AuthorizeAsync(start.AuthorizationUrl);
        return (await Manager.CompleteConnectAsync(Owner, ConnectCallback.FromUri(callback))).Integration;
    }

    public async Task<Integration> ReadAsync(Integration integration) =>
        await Store.GetAsync(integration.Owner, integration.Id) ?? throw new InvalidOperationException("The integration is gone.");

    public async Task<TokenSet> StoredTokensAsync(Integration integration) =>
        _services.GetRequiredService<ITokenProtector>().Unprotect(integration.Owner, (await ReadAsync(integration)).Tokens!);

    public Task<AccessToken> GetTokenAsync(Integration integration) =>
        Tokens.GetAccessTokenAsync(integration.Key).AsTask().WaitAsync(TokenTestHost.Patience);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
