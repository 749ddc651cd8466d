using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Internal;

/// <summary>Registers the token vault services.</summary>
internal static class TokenRegistration
{
    public static void Add(IServiceCollection services)
    {
    }
}
