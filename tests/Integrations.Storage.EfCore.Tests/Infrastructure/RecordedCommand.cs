using Npgsql;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>One command as sent: its SQL and its parameters.</summary>
internal sealed record RecordedCommand(string Text, IReadOnlyList<NpgsqlParameter> Parameters)
{
    /// <summary>
    /// PostgreSQL's plan for this command (plain <c>EXPLAIN</c>: a data-modifying statement is
    /// planned, not run), with sequential scans disabled so that on small tables the plan shows
    /// whether an index can answer the statement at all.
    /// </summary>
    public async Task<string> ExplainAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + Text, connection);
        foreach (var parameter in Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
