using Microsoft.Extensions.DependencyInjection;

namespace Integrations;

/// <summary>
/// Returned by <c>services.AddIntegrations()</c>; providers, stores and HTTP clients are added
/// through extension methods on it.
/// </summary>
public interface IIntegrationsBuilder
{
    /// <summary>The service collection the SDK is registered in.</summary>
    IServiceCollection Services { get; }
}
