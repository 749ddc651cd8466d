using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Internal;

/// <summary>The registration every <c>AddX()</c> provider method shares: named options validated at start, one provider singleton.</summary>
internal static class ProviderRegistration
{
    public static IIntegrationsBuilder Add<TOptions>(
        IIntegrationsBuilder builder,
        string name,
        Action<OptionsBuilder<TOptions>> configureOptions,
        Func<IServiceProvider, TOptions, IOAuthProvider> create)
        where TOptions : OAuthProviderOptions
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = builder.Services.AddOptions<TOptions>(name);
        configureOptions(options);
        options.ValidateOnStart();
        // One validator per name (TryAddEnumerable would keep only the first: they share a type).
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new OAuthProviderOptionsValidator<TOptions>(name));
        return builder.AddProvider(name, services => create(services, services.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name)));
    }
}
