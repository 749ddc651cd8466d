using Npgsql;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>Plain SQL against a test database, bypassing EF Core: what a DBA (or an attacker with a dump) would see.</summary>
internal static class Sql
{
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a query and returns the first column of every row as text.</summary>
    public static async Task<List<string>> QueryTextAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.IsDBNull(0) ? "" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }

    /// <summary>
    /// Every row of every table of the database outside PostgreSQL's own schemas, each rendered as
    /// one text (every column, whatever its type: text, jsonb, arrays), prefixed by its table.
    /// </summary>
    public static async Task<List<string>> DumpAsync(string connectionString)
    {
        var tables = await QueryTextAsync(connectionString, """
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
            WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
            ORDER BY 1
            """);
        var rows = new List<string>();
        foreach (var table in tables)
        {
            rows.AddRange((await QueryTextAsync(connectionString, $"SELECT t::text FROM {table} t")).Select(row => $"{table}: {row}"));
        }

        return rows;
    }
}
