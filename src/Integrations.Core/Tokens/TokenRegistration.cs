using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Integrations.Internal;

/// <summary>Registers the token vault services.</summary>
internal static class TokenRegistration
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton<ITokenProtector, DataProtectionTokenProtector>();
        services.TryAddSingleton<IntegrationTokenWriter>();
        services.TryAddSingleton<TokenRefresher>();
        services.TryAddSingleton<IAccessTokenProvider, AccessTokenProvider>();
    }
}
