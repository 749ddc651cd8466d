using Integrations.Testing.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations.Testing;

/// <summary>Registers sandbox servers with the SDK.</summary>
public static class SandboxIntegrationsBuilderExtensions
{
    /// <summary>
    /// Registers a <see cref="SandboxAuthorizationServer"/> as a singleton keyed by
    /// <paramref name="name"/> (and unkeyed, for the first one registered), with options named
    /// <paramref name="name"/> validated at start-up and the host's <see cref="TimeProvider"/>, and
    /// routes the backchannel of the provider named <paramref name="name"/> (token, userinfo and
    /// revocation calls) to it. Register the provider itself separately, configured with
    /// <see cref="SandboxAuthorizationServer.ConfigureProvider"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="name">The provider name the sandbox serves. Default <see cref="SandboxDefaults.Name"/>.</param>
    /// <param name="configure">Configures the sandbox.</param>
    /// <returns>The builder.</returns>
    public static IIntegrationsBuilder AddSandboxServer(this IIntegrationsBuilder builder, string name = SandboxDefaults.Name, Action<SandboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = builder.Services.AddOptions<SandboxOptions>(name).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>());
        builder.Services.TryAddKeyedSingleton(name, (services, _) => new SandboxAuthorizationServer(
            services.GetRequiredService<IOptionsMonitor<SandboxOptions>>().Get(name),
            services.GetService<TimeProvider>()));
        builder.Services.TryAddSingleton(services => services.GetRequiredKeyedService<SandboxAuthorizationServer>(name));
        return builder.ConfigureBackchannel(name, client => client.ConfigurePrimaryHttpMessageHandler(
            services => services.GetRequiredKeyedService<SandboxAuthorizationServer>(name).CreateHandler()));
    }
}
