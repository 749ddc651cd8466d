using Integrations.TestSupport.Oidc;

namespace Integrations.Interop.Tests.Support;

/// <summary>One oidc-provider process per test class (xunit class fixture): a start costs about a second.</summary>
public class OidcServerFixture : IAsyncLifetime
{
    /// <summary>The running server.</summary>
    public OidcProviderServer Server { get; private set; } = null!;

    /// <summary>The settings the server starts with.</summary>
    protected virtual OidcProviderSettings Settings => new();

    public async Task InitializeAsync() => Server = await OidcProviderServer.StartAsync(Settings);

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
