using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Internal;

/// <summary>The typed handler registration: knows how to resolve the handler and the change feed from a scope.</summary>
internal sealed class SyncHandlerRegistration<TItem>(
    string resource,
    Func<IServiceProvider, ISyncHandler<TItem>> handler,
    Func<IServiceProvider, ILocalChangeFeed<TItem>>? feed)
    : SyncHandlerRegistration(resource, typeof(TItem))
    where TItem : class
{
    public override bool HasChangeFeed => feed is not null;

    public ISyncHandler<TItem> GetHandler(IServiceProvider services) => handler(services);

    public ILocalChangeFeed<TItem>? GetFeed(IServiceProvider services) => feed?.Invoke(services);

    public override void ValidateOptions(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<SyncResourceOptions<TItem>>>().Get(Resource);

    public override ISyncResourceRunner CreateRunner(SyncRunExecution run, object source, object? target, IServiceProvider services) =>
        new SyncRunner<TItem>(
            run,
            this,
            (ISyncSource<TItem>)source,
            (ISyncTarget<TItem>?)target,
            services.GetRequiredService<IOptionsMonitor<SyncResourceOptions<TItem>>>().Get(Resource));
}
