using Npgsql;

namespace Integrations.Storage.EfCore.Tests.Infrastructure;

/// <summary>
/// Describes a schema as PostgreSQL's catalog sees it: every table, column (type, collation,
/// nullability, default, comment), constraint and index definition, one sorted line each. Two
/// databases with equal descriptions have the same schema.
/// </summary>
internal static class SchemaCatalog
{
    private const string Query = """
        SELECT 'table ' || c.relname || coalesce(' -- ' || obj_description(c.oid, 'pg_class'), '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = @schema AND c.relkind = 'r' AND c.relname <> '__EFMigrationsHistory'
        UNION ALL
        SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attcollation <> t.typcollation THEN ' COLLATE ' || quote_ident(co.collname) ELSE '' END
               || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE ' NULL' END
               || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
               || coalesce(' -- ' || col_description(c.oid, a.attnum), '')
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_collation co ON co.oid = a.attcollation
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = @schema AND c.relkind = 'r' AND c.relname <> '__EFMigrationsHistory' AND a.attnum > 0 AND NOT a.attisdropped
        UNION ALL
        SELECT 'constraint ' || c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = @schema AND c.relname <> '__EFMigrationsHistory'
        UNION ALL
        SELECT 'index ' || indexdef FROM pg_indexes
        WHERE schemaname = @schema AND tablename <> '__EFMigrationsHistory'
        ORDER BY 1
        """;

    public static async Task<List<string>> DescribeAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Query, connection) { Parameters = { new("schema", schema) } };
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return lines;
    }
}
