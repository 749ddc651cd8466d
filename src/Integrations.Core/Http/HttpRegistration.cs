using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integrations.Internal;

/// <summary>Registers the HTTP pipeline services.</summary>
internal static class HttpRegistration
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton<HttpResiliencePipelines>();
        services.TryAddSingleton<IIntegrationHttpClientFactory, IntegrationHttpClientFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntegrationResilienceOptions>, IntegrationResilienceOptionsValidator>());
    }
}
