using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Internal;

/// <summary>Registers the HTTP pipeline services.</summary>
internal static class HttpRegistration
{
    public static void Add(IServiceCollection services)
    {
    }
}
