namespace Integrations;

/// <summary>The providers registered with <c>AddIntegrations()</c>, by name.</summary>
public interface IOAuthProviderRegistry
{
    /// <summary>The registered provider names.</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>Returns the provider named <paramref name="name"/>.</summary>
    /// <param name="name">The provider name.</param>
    /// <returns>The provider.</returns>
    /// <exception cref="IntegrationException"><see cref="IntegrationErrorCode.ProviderNotSupported"/> when no such provider is registered.</exception>
    IOAuthProvider Get(string name);
}
