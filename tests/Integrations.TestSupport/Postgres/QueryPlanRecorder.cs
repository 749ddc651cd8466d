using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Integrations.TestSupport.Postgres;

/// <summary>
/// An EF Core interceptor that, while <see cref="Enabled"/>, asks PostgreSQL for the plan of every
/// query EF Core is about to run (same SQL, same parameters, same connection) and keeps it. Shows
/// which index a store's real query uses.
/// </summary>
public sealed class QueryPlanRecorder : DbCommandInterceptor
{
    private readonly Lock _gate = new();
    private readonly List<RecordedPlan> _plans = [];

    /// <summary>Whether plans are recorded.</summary>
    public bool Enabled { get; set; }

    /// <summary>Runs <c>EXPLAIN (ANALYZE, BUFFERS)</c> instead of a plain <c>EXPLAIN</c> (executes the query twice).</summary>
    public bool Analyze { get; set; }

    /// <summary>
    /// Disables sequential scans while explaining, so that on a small table the plan shows whether an
    /// index is usable for the query at all (a partial index whose predicate the query does not imply is not).
    /// </summary>
    public bool DisableSequentialScans { get; set; }

    /// <summary>The plans recorded so far.</summary>
    public IReadOnlyList<RecordedPlan> Plans
    {
        get
        {
            lock (_gate)
            {
                return [.. _plans];
            }
        }
    }

    /// <summary>Forgets the recorded plans.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _plans.Clear();
        }
    }

    /// <inheritdoc />
    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Enabled && command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            var plan = await ExplainAsync(command, cancellationToken);
            lock (_gate)
            {
                _plans.Add(new RecordedPlan(command.CommandText, plan));
            }
        }

        return result;
    }

    private async Task<string> ExplainAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)command.Connection!;
        if (DisableSequentialScans)
        {
            await ExecuteAsync(connection, "SET enable_seqscan = off", cancellationToken);
        }

        try
        {
            await using var explain = new NpgsqlCommand($"EXPLAIN ({(Analyze ? "ANALYZE, BUFFERS, " : "")}COSTS) {command.CommandText}", connection);
            explain.Transaction = (NpgsqlTransaction?)command.Transaction;
            foreach (NpgsqlParameter parameter in command.Parameters)
            {
                explain.Parameters.Add(parameter.Clone());
            }

            var lines = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(reader.GetString(0));
            }

            return string.Join('\n', lines);
        }
        finally
        {
            if (DisableSequentialScans)
            {
                await ExecuteAsync(connection, "RESET enable_seqscan", cancellationToken);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
