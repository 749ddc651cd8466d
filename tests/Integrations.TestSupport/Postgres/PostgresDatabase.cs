using Xunit;

namespace Integrations.TestSupport.Postgres;

/// <summary>
/// An xunit class fixture: a database of its own on the shared <see cref="PostgresServer"/>, created
/// before the class's first test and dropped after its last.
/// </summary>
public class PostgresDatabase : IAsyncLifetime
{
    private PostgresServer? _server;

    /// <summary>The connection string to this fixture's database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The server the database lives on.</summary>
    public PostgresServer Server => _server ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>Creates the database.</summary>
    public virtual async Task InitializeAsync()
    {
        _server = await PostgresServer.GetAsync();
        ConnectionString = await _server.CreateDatabaseAsync("it");
    }

    /// <summary>Drops the database.</summary>
    public virtual async Task DisposeAsync()
    {
        if (_server is not null && ConnectionString.Length > 0)
        {
            await _server.DropDatabaseAsync(ConnectionString);
        }
    }
}
