using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Internal;

internal sealed class IntegrationsBuilder(IServiceCollection services) : IIntegrationsBuilder
{
    public IServiceCollection Services { get; } = services;
}
