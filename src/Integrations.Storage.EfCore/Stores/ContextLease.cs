using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>A context borrowed for one store operation; disposing it returns the context (and its scope).</summary>
internal readonly struct ContextLease<TContext>(TContext context, AsyncServiceScope? scope) : IAsyncDisposable
    where TContext : DbContext
{
    public TContext Context { get; } = context;

    public async ValueTask DisposeAsync()
    {
        if (scope is { } s)
        {
            await s.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            await Context.DisposeAsync().ConfigureAwait(false);
        }
    }
}
