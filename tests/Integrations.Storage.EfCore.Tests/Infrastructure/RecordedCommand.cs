using Npgsql;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>One command as sent: its SQL and its parameters.</summary>
internal sealed record RecordedCommand(string Text, IReadOnlyList<NpgsqlParameter> Parameters)
{
    /// <summary>
    /// PostgreSQL's plan for this command: by default a plain <c>EXPLAIN</c> (a data-modifying
    /// statement is planned, not run) with sequential scans disabled, so that on small tables the
    /// plan shows whether an index can answer the statement at all.
    /// </summary>
    /// <param name="connectionString">The database.</param>
    /// <param name="analyze">Runs the statement (<c>EXPLAIN ANALYZE</c>), to show the rows each step really read.</param>
    /// <param name="plannersChoice">Leaves sequential scans enabled: the plan the statement really gets.</param>
    public async Task<string> ExplainAsync(string connectionString, bool analyze = false, bool plannersChoice = false)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (!plannersChoice)
        {
            await using var off = new NpgsqlCommand("SET enable_seqscan = off", connection);
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand((analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + Text, connection);
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
