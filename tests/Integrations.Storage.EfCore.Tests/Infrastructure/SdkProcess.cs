using Integrations.Storage.EfCore.Internal;
using Integrations.TestSupport.Oidc;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// One host process, wired the way a host wires it: <c>AddIntegrations().AddOpenIdConnect(...)
/// .AddEntityFrameworkCoreStores(connectionString)</c> against the real oidc-provider and a real
/// PostgreSQL database, with the Data Protection key ring in a directory every process of the
/// application shares. Nothing is shared in memory with another <see cref="SdkProcess"/>: it has its
/// own service provider, token cache, refresh flights and database connection pool (its own
/// <c>Application Name</c>). A probe on the backchannel sees its token requests; its lease store is
/// the real EF Core one, observed.
/// </summary>
internal sealed class SdkProcess : IAsyncDisposable
{
    public const string ProviderName = "oidc";

    /// <summary>A real-time limit on awaits, so a broken test fails instead of hanging.</summary>
    public static readonly TimeSpan Patience = OidcProviderServer.Patience;

    public static readonly IntegrationOwner Owner = new("tenant-1", "app-user-1");

    /// <summary>How often a process waiting for another's refresh looks again (the SDK's real polling, on real time).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly ServiceProvider _services;
    private bool _disposed;

    public SdkProcess(
        string name,
        string connectionString,
        OidcProviderServer server,
        TimeProvider clock,
        DirectoryInfo keyRing,
        Action<IntegrationsOptions>? configure = null,
        Action<OpenIdConnectProviderOptions>? configureProvider = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddDataProtection().PersistKeysToFileSystem(keyRing).SetApplicationName("integrations-cross-process-tests");
        services.AddIntegrations(o =>
            {
                o.RefreshLeasePollInterval = PollInterval;
                configure?.Invoke(o);
            })
            .AddOpenIdConnect(ProviderName, o =>
            {
                o.Authority = server.IssuerString;
                o.ClientId = OidcProviderServer.ClientId;
                o.ClientSecret = OidcProviderServer.ClientSecret;
                configureProvider?.Invoke(o);
            })
            .ConfigureBackchannel(ProviderName, b => b.AddHttpMessageHandler(Probe.CreateHandler))
            .AddEntityFrameworkCoreStores(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = name }.ConnectionString);
        services.Replace(ServiceDescriptor.Singleton<ILeaseStore>(sp =>
            new ObservedLeaseStore(ActivatorUtilities.CreateInstance<EfCoreLeaseStore<IntegrationsDbContext>>(sp))));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _services.GetRequiredService<IStartupValidator>().Validate();
        Leases = (ObservedLeaseStore)_services.GetRequiredService<ILeaseStore>();
    }

    public BackchannelProbe Probe { get; } = new();

    public ObservedLeaseStore Leases { get; }

    public IAccessTokenProvider Tokens => _services.GetRequiredService<IAccessTokenProvider>();

    /// <summary>Begin → the browser logs in and consents → complete.</summary>
    public async Task<Integration> ConnectAsync(OidcBrowser browser, string login)
    {
        var manager = _services.GetRequiredService<IIntegrationManager>();
        var start = await manager.BeginConnectAsync(new BeginConnectRequest { Owner = Owner, Provider = ProviderName, RedirectUri = OidcProviderServer.RedirectUri });
        var callback = await browser.AuthorizeAsync(start.AuthorizationUrl, login);
        return (await manager.CompleteConnectAsync(Owner, ConnectCallback.FromUri(callback))).Integration;
    }

    public Task<AccessToken> GetTokenAsync(Integration integration) =>
        Tokens.GetAccessTokenAsync(integration.Key).AsTask();

    /// <summary>The tokens in the database, decrypted with this process's key ring.</summary>
    public async Task<TokenSet> StoredTokensAsync(Integration integration)
    {
        var stored = await _services.GetRequiredService<IIntegrationStore>().GetAsync(integration.Owner, integration.Id)
            ?? throw new InvalidOperationException("The integration is gone.");
        return _services.GetRequiredService<ITokenProtector>().Unprotect(integration.Owner, stored.Tokens!);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await _services.DisposeAsync();
        }
    }
}
