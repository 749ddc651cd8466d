namespace Integrations.Internal;

/// <summary>The host's handler of one resource and payload type; creates the typed runner.</summary>
internal abstract class SyncHandlerRegistration(string resource, Type itemType)
{
    public string Resource { get; } = resource;

    public Type ItemType { get; } = itemType;

    /// <summary>Whether the handler also reads local changes (the resource can be pushed).</summary>
    public abstract bool HasChangeFeed { get; }

    /// <summary>Reads the resource's options, so invalid ones fail when the engine starts (throws <c>OptionsValidationException</c>).</summary>
    public abstract void ValidateOptions(IServiceProvider services);

    public abstract ISyncResourceRunner CreateRunner(SyncRunExecution run, object source, object? target, IServiceProvider services);
}
