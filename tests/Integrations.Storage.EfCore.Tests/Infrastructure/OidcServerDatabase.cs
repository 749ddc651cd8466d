using Integrations.TestSupport.Oidc;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// A migrated database and a real oidc-provider server (strict refresh-token rotation with replay
/// detection) for one test class: what several SDK processes share in production.
/// </summary>
public sealed class OidcServerDatabase : MigratedDatabase
{
    /// <summary>The running server.</summary>
    public OidcProviderServer Oidc { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Oidc = await OidcProviderServer.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        if (Oidc is not null)
        {
            await Oidc.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
