namespace Integrations.Internal;

/// <summary>
/// Every registered source, target and handler, looked up by provider, resource and payload type.
/// Registration mistakes are collected in <see cref="Problems"/> and reported at start-up.
/// </summary>
internal sealed class SyncRegistry
{
    private readonly Dictionary<(string Provider, string Resource), SyncSourceRegistration> _sources = [];
    private readonly Dictionary<(string Provider, string Resource), SyncSourceRegistration> _targets = [];
    private readonly Dictionary<(string Resource, Type ItemType), SyncHandlerRegistration> _handlers = [];

    public SyncRegistry(IEnumerable<SyncSourceRegistration> sources, IEnumerable<SyncHandlerRegistration> handlers)
    {
        List<string> problems = [];
        foreach (var registration in sources)
        {
            var map = registration.IsTarget ? _targets : _sources;
            if (!map.TryAdd((registration.Provider, registration.Resource), registration))
            {
                problems.Add($"Sync: more than one {(registration.IsTarget ? "target" : "source")} is registered for resource '{registration.Resource}' of provider '{registration.Provider}'.");
            }
        }

        foreach (var ((provider, resource), target) in _targets)
        {
            if (!_sources.TryGetValue((provider, resource), out var source))
            {
                problems.Add($"Sync: the target of resource '{resource}' of provider '{provider}' has no source.");
            }
            else if (source.ItemType != target.ItemType)
            {
                problems.Add($"Sync: the source and the target of resource '{resource}' of provider '{provider}' use different payload types ({source.ItemType.Name}, {target.ItemType.Name}).");
            }
        }

        foreach (var registration in handlers)
        {
            if (!_handlers.TryAdd((registration.Resource, registration.ItemType), registration))
            {
                problems.Add($"Sync: more than one handler of {registration.ItemType.Name} is registered for resource '{registration.Resource}'.");
            }
        }

        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }

    /// <summary>Decides which resources a request syncs, and which ways.</summary>
    /// <exception cref="IntegrationException"><see cref="IntegrationErrorCode.InvalidRequest"/> for a named resource that cannot be synced as asked.</exception>
    public IReadOnlyList<SyncPlan> Plan(Integration integration, SyncRequest request)
    {
        var requested = request.Direction ?? integration.Settings.SyncDirection;
        var named = request.Resources.Count > 0;
        var resources = named
            ? request.Resources.Distinct(StringComparer.Ordinal).ToList()
            : _sources.Keys.Where(k => k.Provider == integration.Provider).Select(k => k.Resource).Order(StringComparer.Ordinal).ToList();

        List<SyncPlan> plans = [];
        foreach (var resource in resources)
        {
            if (!_sources.TryGetValue((integration.Provider, resource), out var source))
            {
                throw SyncErrors.InvalidRequest(integration, $"Provider '{integration.Provider}' has no sync source for resource '{resource}'.");
            }

            if (!_handlers.TryGetValue((resource, source.ItemType), out var handler))
            {
                if (!named)
                {
                    continue;
                }

                throw SyncErrors.InvalidRequest(integration, $"No sync handler of {source.ItemType.Name} is registered for resource '{resource}'.");
            }

            _targets.TryGetValue((integration.Provider, resource), out var target);
            var canPush = target is not null && target.ItemType == source.ItemType && handler.HasChangeFeed;
            var pull = requested != SyncDirection.Push;
            var push = requested != SyncDirection.Pull && canPush;
            if (!pull && !push)
            {
                if (!named)
                {
                    continue;
                }

                throw SyncErrors.InvalidRequest(integration, $"Resource '{resource}' of provider '{integration.Provider}' cannot be pushed: it needs a sync target and a local change feed.");
            }

            plans.Add(new SyncPlan(resource, source, canPush ? target : null, handler, pull, push));
        }

        return plans;
    }
}
