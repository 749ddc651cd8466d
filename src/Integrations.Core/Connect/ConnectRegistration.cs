using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations.Internal;

/// <summary>Registers the connect flow services.</summary>
internal static class ConnectRegistration
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton<IIntegrationManager, IntegrationManager>();
    }
}
