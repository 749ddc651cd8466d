using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>Resolves a store from a fresh host service provider over an emptied database, and disposes the provider after the test.</summary>
internal sealed class EfCoreStoreHost(MigratedDatabase database) : IAsyncDisposable
{
    private ServiceProvider? _services;

    public async Task<TStore> CreateAsync<TStore>(TimeProvider timeProvider)
        where TStore : notnull
    {
        await database.ResetAsync();
        _services = database.CreateServices(timeProvider);
        return _services.GetRequiredService<TStore>();
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
