using System.Collections.Frozen;

namespace Integrations.Internal;

internal sealed class OAuthProviderRegistry : IOAuthProviderRegistry
{
    private readonly FrozenDictionary<string, Lazy<IOAuthProvider>> _providers;

    public OAuthProviderRegistry(IEnumerable<OAuthProviderRegistration> registrations, IServiceProvider services)
    {
        Dictionary<string, Lazy<IOAuthProvider>> providers = new(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (!providers.TryAdd(registration.Name, new Lazy<IOAuthProvider>(() => registration.Factory(services))))
            {
                throw new InvalidOperationException($"Integrations: the provider name '{registration.Name}' is registered twice.");
            }
        }

        _providers = providers.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Names => _providers.Keys;

    public IOAuthProvider Get(string name) =>
        _providers.TryGetValue(name, out var provider) ? provider.Value : throw Errors.ProviderNotSupported(name);
}
