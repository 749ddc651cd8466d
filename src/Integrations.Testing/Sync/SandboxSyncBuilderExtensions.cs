using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Testing;

/// <summary>Registers the sandbox resource's source and target.</summary>
public static class SandboxSyncBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="SandboxSyncSource"/> as source and target of a resource (default
    /// <c>items</c> of provider <c>sandbox</c>), talking to <paramref name="server"/> through a named
    /// HttpClient (<see cref="HttpClientName"/>). The host still adds its handler with
    /// <c>AddSyncResource&lt;SandboxItemData, THandler&gt;</c>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="server">The server.</param>
    /// <param name="configure">Changes the provider or resource name.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddSandboxSync(this IIntegrationsBuilder builder, SandboxSyncServer server, Action<SandboxSyncOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(server);
        var options = new SandboxSyncOptions();
        configure?.Invoke(options);
        var name = HttpClientName(options.Provider, options.Resource);
        builder.Services.AddHttpClient(name, client => client.BaseAddress = server.BaseAddress)
            .ConfigurePrimaryHttpMessageHandler(server.CreateHandler);

        SandboxSyncSource Create(IServiceProvider services) => new(
            services.GetRequiredService<IHttpClientFactory>().CreateClient(name),
            options.UseAccessTokenProvider ? services.GetRequiredService<IAccessTokenProvider>() : null,
            services.GetService<TimeProvider>());

        builder.AddSyncSource<SandboxItemData>(options.Provider, options.Resource, Create);
        builder.AddSyncTarget<SandboxItemData>(options.Provider, options.Resource, Create);
        return builder;
    }

    /// <summary>The name of the HttpClient the sandbox source of a provider and resource uses.</summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="resource">The resource name.</param>
    /// <returns>The client name.</returns>
    public static string HttpClientName(string provider, string resource) => $"Integrations.Sandbox.Sync.{provider}.{resource}";
}
