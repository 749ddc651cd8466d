using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// Gives the singleton stores a short-lived context per operation: from the host's
/// <see cref="IDbContextFactory{TContext}"/> when it registered one (preferred; pooled is fastest),
/// otherwise from a new service scope (a host that only called <c>AddDbContext</c>).
/// </summary>
internal sealed class DbContextSource<TContext>(IServiceProvider services) where TContext : DbContext
{
    private readonly IDbContextFactory<TContext>? _factory = services.GetService<IDbContextFactory<TContext>>();
    private volatile bool _modelChecked;

    public async ValueTask<ContextLease<TContext>> OpenAsync(CancellationToken cancellationToken)
    {
        ContextLease<TContext> lease;
        if (_factory is not null)
        {
            lease = new(await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false), null);
        }
        else
        {
            var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetService<TContext>();
            if (context is null)
            {
                await scope.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException(
                    $"The Integrations EF Core stores need {typeof(TContext).Name}: register it with services.AddDbContextFactory<{typeof(TContext).Name}>(...) (preferred) or services.AddDbContext<{typeof(TContext).Name}>(...).");
            }

            lease = new(context, scope);
        }

        if (!_modelChecked)
        {
            CheckModel(lease.Context);
        }

        return lease;
    }

    private void CheckModel(TContext context)
    {
        if (context.Model.FindEntityType(typeof(IntegrationEntity)) is null)
        {
            throw new InvalidOperationException(
                $"{typeof(TContext).Name} does not map the Integrations tables: call modelBuilder.ApplyIntegrationsModel() in its OnModelCreating.");
        }

        _modelChecked = true;
    }
}
