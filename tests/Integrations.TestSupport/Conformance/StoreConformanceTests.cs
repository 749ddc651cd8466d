using Xunit;

namespace Integrations.TestSupport.Conformance;

/// <summary>
/// The base of every store conformance suite: a fresh store over empty storage for each test, and the
/// fake clock it reads. A store implementation's test class inherits a suite and supplies
/// <see cref="CreateStoreAsync"/>.
/// </summary>
/// <typeparam name="TStore">The store contract under test.</typeparam>
public abstract class StoreConformanceTests<TStore> : IAsyncLifetime
    where TStore : class
{
    /// <summary>The clock the store under test was given; tests move it, they never sleep.</summary>
    protected FakeTimeProvider Time { get; } = new(StoreTestData.Start);

    /// <summary>The store under test.</summary>
    protected TStore Store { get; private set; } = null!;

    /// <summary>Creates the store under test over empty storage, reading the time from <paramref name="timeProvider"/>. Called once per test.</summary>
    protected abstract Task<TStore> CreateStoreAsync(TimeProvider timeProvider);

    public async Task InitializeAsync() => Store = await CreateStoreAsync(Time);

    /// <summary>Releases what <see cref="CreateStoreAsync"/> created.</summary>
    public virtual Task DisposeAsync() => Task.CompletedTask;
}
