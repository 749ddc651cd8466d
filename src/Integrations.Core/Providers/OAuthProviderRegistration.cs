namespace Integrations;

/// <summary>
/// Registers one provider with the registry. Provider packages add one per provider name through
/// <see cref="IntegrationsBuilderExtensions.AddProvider"/>.
/// </summary>
/// <param name="Name">The provider name.</param>
/// <param name="Factory">Creates the provider (once, as a singleton).</param>
public sealed record OAuthProviderRegistration(string Name, Func<IServiceProvider, IOAuthProvider> Factory);
