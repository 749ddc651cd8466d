using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// Gives the singleton stores a short-lived context per operation: from the host's
/// <see cref="IDbContextFactory{TContext}"/> when it registered one (preferred; pooled is fastest),
/// otherwise from a new service scope (a host that only called <c>AddDbContext</c>). Every store
/// operation runs through <see cref="RunAsync{TResult}"/>, which also turns "no such table" into
/// an error naming the missing set-up step.
/// </summary>
internal sealed class DbContextSource<TContext>(IServiceProvider services) where TContext : DbContext
{
    private readonly IDbContextFactory<TContext>? _factory = services.GetService<IDbContextFactory<TContext>>();
    private volatile bool _modelChecked;

    /// <summary>Runs one store operation on a borrowed context and returns the context afterwards.</summary>
    /// <exception cref="InvalidOperationException">Our tables or columns do not exist in the database (migrations not applied).</exception>
    public async Task<TResult> RunAsync<TResult>(Func<TContext, CancellationToken, Task<TResult>> operation, CancellationToken cancellationToken)
    {
        await using var lease = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await operation(lease.Context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (DatabaseErrors.IsMissingSchema(e, out var missing))
        {
            throw await DatabaseErrors.MissingSchemaAsync(lease.Context, missing).ConfigureAwait(false);
        }
    }

    private async ValueTask<ContextLease<TContext>> OpenAsync(CancellationToken cancellationToken)
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
