namespace Integrations.Internal;

/// <summary>A source or target registered for one provider and resource.</summary>
/// <param name="Provider">The provider name.</param>
/// <param name="Resource">The resource.</param>
/// <param name="ItemType">The payload type.</param>
/// <param name="Factory">Creates the source (an <see cref="ISyncSource{TItem}"/>) or target (an <see cref="ISyncTarget{TItem}"/>) for one run.</param>
/// <param name="IsTarget">Whether this registers a target rather than a source.</param>
internal sealed record SyncSourceRegistration(string Provider, string Resource, Type ItemType, Func<IServiceProvider, object> Factory, bool IsTarget);
