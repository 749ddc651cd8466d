using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Internal;

/// <summary>Registers the connect flow services.</summary>
internal static class ConnectRegistration
{
    public static void Add(IServiceCollection services)
    {
    }
}
