using System.Collections.Immutable;
using Integrations.TestSupport;
using Integrations.TestSupport.Oidc;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Interop.Tests.Support;

/// <summary>
/// One SDK "process" wired the way a host wires it, against the real oidc-provider:
/// <c>AddIntegrations().AddOpenIdConnect("oidc", ...)</c> with discovery from the server, in-memory
/// stores, and a fake clock (near real time) that decides when the SDK considers a token expired.
/// A probe on the backchannel sees every token request.
/// </summary>
internal sealed class InteropHost : IAsyncDisposable
{
    public const string ProviderName = "oidc";

    /// <summary>A real-time limit on awaits, so a broken test fails instead of hanging.</summary>
    public static readonly TimeSpan Patience = OidcProviderServer.Patience;

    public static readonly IntegrationOwner Owner = new("tenant-1", "app-user-1");

    private readonly ServiceProvider _services;

    public InteropHost(OidcProviderServer server, InteropWorld? world = null, Action<OpenIdConnectProviderOptions>? configure = null)
    {
        Server = server;
        World = world ?? new InteropWorld();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(World.Time);
        services.AddSingleton<IIntegrationEventHandler>(Events);
        services.AddIntegrations()
            .AddOpenIdConnect(ProviderName, o =>
            {
                o.Authority = server.IssuerString;
                o.ClientId = OidcProviderServer.ClientId;
                o.ClientSecret = OidcProviderServer.ClientSecret;
                configure?.Invoke(o);
            })
            .ConfigureBackchannel(ProviderName, b => b.AddHttpMessageHandler(Probe.CreateHandler));
        services.AddSingleton<IIntegrationStore>(World.Store);
        services.AddSingleton<ILeaseStore>(World.Leases);
        services.AddSingleton<IDataProtectionProvider>(World.DataProtection);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _services.GetRequiredService<IStartupValidator>().Validate();
    }

    public OidcProviderServer Server { get; }

    public InteropWorld World { get; }

    public BackchannelProbe Probe { get; } = new();

    public RecordingEventHandler Events { get; } = new();

    public IIntegrationManager Manager => _services.GetRequiredService<IIntegrationManager>();

    public IAccessTokenProvider Tokens => _services.GetRequiredService<IAccessTokenProvider>();

    public IIntegrationStore Store => World.Store;

    public Task<ConnectStart> BeginAsync(ImmutableArray<string> scopes = default, ImmutableDictionary<string, string>? extraParameters = null) =>
        Manager.BeginConnectAsync(new BeginConnectRequest
        {
            Owner = Owner,
            Provider = ProviderName,
            RedirectUri = OidcProviderServer.RedirectUri,
            Scopes = scopes.IsDefault ? [] : scopes,
            ExtraParameters = extraParameters ?? ImmutableDictionary<string, string>.Empty,
        });

    public Task<ConnectResult> CompleteAsync(Uri callback) =>
        Manager.CompleteConnectAsync(Owner, ConnectCallback.FromUri(callback));

    /// <summary>Begin → the browser logs in and consents as needed → complete.</summary>
    public async Task<ConnectResult> ConnectAsync(
        OidcBrowser browser, string login, ImmutableArray<string> scopes = default, ImmutableDictionary<string, string>? extraParameters = null)
    {
        var start = await BeginAsync(scopes, extraParameters);
        var callback = await browser.AuthorizeAsync(start.AuthorizationUrl, login);
        return await CompleteAsync(callback);
    }

    public Task<AccessToken> GetTokenAsync(Integration integration) =>
        Tokens.GetAccessTokenAsync(integration.Key).AsTask().WaitAsync(Patience);

    public async Task<Integration> ReadAsync(Integration integration) =>
        await Store.GetAsync(integration.Owner, integration.Id) ?? throw new InvalidOperationException("The integration is gone.");

    public async Task<TokenSet> StoredTokensAsync(Integration integration) =>
        _services.GetRequiredService<ITokenProtector>().Unprotect(integration.Owner, (await ReadAsync(integration)).Tokens!);

    /// <summary>Moves the SDK's clock past the expiry of every access token the server issued so far.</summary>
    public void ExpireAccessTokens() => World.Time.Advance(Server.AccessTokenLifetime + TimeSpan.FromSeconds(1));

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
