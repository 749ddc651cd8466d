using Integrations.Internal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Core.Tests.Tokens;

/// <summary>
/// One "process": a service provider built by <c>AddIntegrations()</c> over the shared
/// <see cref="TokenWorld"/>, with its own token cache and single-flight table.
/// </summary>
internal sealed class TokenTestHost : IAsyncDisposable
{
    /// <summary>A real-time safety limit on awaits, so a broken test fails instead of hanging.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static readonly IntegrationOwner Owner = new("tenant-a", "user-1");

    private readonly ServiceProvider _services;

    public TokenTestHost(TokenWorld? world = null, Action<IntegrationsOptions>? configure = null, IDataProtectionProvider? dataProtection = null, ILeaseStore? leases = null)
    {
        World = world ?? new TokenWorld();
        var services = new ServiceCollection();
        services.AddIntegrations(configure).AddProvider(World.OAuth.Name, _ => World.OAuth);

        // Registered after AddIntegrations: the last registration wins.
        services.AddSingleton<TimeProvider>(World.Time);
        services.AddSingleton<IIntegrationStore>(World.Store);
        services.AddSingleton(leases ?? World.Leases);
        services.AddSingleton(dataProtection ?? World.DataProtection);
        services.AddSingleton<IIntegrationEventHandler>(World.Events);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public TokenWorld World { get; }

    public IAccessTokenProvider Tokens => _services.GetRequiredService<IAccessTokenProvider>();

    public ITokenProtector Protector => _services.GetRequiredService<ITokenProtector>();

    public AccessTokenCache Cache => _services.GetRequiredService<AccessTokenCache>();

    public FakeOAuthProvider OAuth => World.OAuth;

    public Integrations.TestSupport.FakeTimeProvider Time => World.Time;

    public TestIntegrationStore Store => World.Store;

    /// <summary>Adds an integration whose access token expires in <paramref name="expiresIn"/> (an hour-long token).</summary>
    public async Task<Integration> SeedAsync(
        TimeSpan? expiresIn,
        string accessToken = "access-0",
        string? refreshToken = "refresh-0",
        IntegrationOwner? owner = null,
        IntegrationStatus status = IntegrationStatus.Active,
        bool withTokens = true)
    {
        var who = owner ?? Owner;
        var now = Time.GetUtcNow();
        var expiresAt = now + expiresIn;
        var tokens = new TokenSet(accessToken)
        {
            RefreshToken = refreshToken,
            ExpiresAt = expiresAt,
            IssuedAt = expiresAt - TimeSpan.FromHours(1),
            Scopes = ["read"],
        };

        return await Store.AddAsync(new Integration
        {
            Id = Guid.NewGuid(),
            TenantId = who.TenantId,
            UserId = who.UserId,
            Provider = OAuth.Name,
            DisplayName = "Test account",
            Account = new ExternalAccount("ext-1"),
            GrantedScopes = ["read"],
            Status = status,
            Tokens = withTokens ? Protector.Protect(who, tokens) : null,
            CreatedAt = now,
            UpdatedAt = now,
        });
    }

    public async Task<Integration> ReadAsync(Integration integration) =>
        await Store.Inner.GetAsync(integration.Owner, integration.Id) ?? throw new InvalidOperationException("The integration is gone.");

    public async Task<TokenSet> StoredTokensAsync(Integration integration)
    {
        var stored = await ReadAsync(integration);
        return Protector.Unprotect(stored.Owner, stored.Tokens!);
    }

    /// <summary>Stores new tokens the way another process's refresh (or a reconnect) would.</summary>
    public async Task<Integration> StoreTokensAsync(Integration integration, string accessToken, TimeSpan? lifetime = null)
    {
        var stored = await ReadAsync(integration);
        var now = Time.GetUtcNow();
        var tokens = new TokenSet(accessToken) { RefreshToken = accessToken.Replace("access", "refresh", StringComparison.Ordinal), ExpiresAt = now + (lifetime ?? TimeSpan.FromHours(1)), IssuedAt = now };
        return await Store.Inner.UpdateAsync(stored with { Tokens = Protector.Protect(stored.Owner, tokens) });
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
