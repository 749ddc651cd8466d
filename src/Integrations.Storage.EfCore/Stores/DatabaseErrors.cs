using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>Recognizes the database errors the stores turn into typed <see cref="IntegrationException"/>s or clear set-up errors.</summary>
internal static class DatabaseErrors
{
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>
    /// Whether <paramref name="exception"/> (or an exception it wraps, as <see cref="DbUpdateException"/>
    /// does) says a table or column of ours does not exist: the migrations were not applied, or an
    /// older schema meets a newer package.
    /// </summary>
    public static bool IsMissingSchema(Exception exception, out PostgresException postgres)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn } found)
            {
                postgres = found;
                return true;
            }
        }

        postgres = null!;
        return false;
    }

    /// <summary>The error that tells the host which set-up step is missing, with the database's own error inside.</summary>
    public static async Task<InvalidOperationException> MissingSchemaAsync(DbContext context, PostgresException error)
    {
        var contextName = context.GetType().Name;
        var problem = error.SqlState == PostgresErrorCodes.UndefinedTable
            ? $"The Integrations tables are missing from the database of {contextName} ({error.MessageText})."
            : $"The Integrations tables in the database of {contextName} lack a column this version of Integrations.Storage.EfCore uses ({error.MessageText}).";
        var pending = await PendingMigrationsAsync(context).ConfigureAwait(false);
        string step;
        if (pending is { Count: > 0 })
        {
            step = $"Apply the pending migrations ({string.Join(", ", pending)}): call `await db.Database.MigrateAsync()` on the {contextName} at start-up, "
                + "or run the script of `db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent)` from your deployment.";
        }
        else if (context is IntegrationsDbContext)
        {
            step = "Every shipped migration is recorded as applied, yet the schema differs: the migrations history belongs to another schema or database "
                + "(check the connection string, and that `MigrationsHistoryTable` is set the same way on every run), or the tables were changed by hand.";
        }
        else
        {
            step = $"{contextName} maps them with ApplyIntegrationsModel(), so its own migrations create them: add one "
                + $"(`dotnet ef migrations add AddIntegrations --context {contextName}`) and apply it (`dotnet ef database update` or `Database.MigrateAsync()`).";
        }

        return new InvalidOperationException(problem + " " + step, error);
    }

    private static async Task<IReadOnlyList<string>?> PendingMigrationsAsync(DbContext context)
    {
        try
        {
            return [.. await context.Database.GetPendingMigrationsAsync().ConfigureAwait(false)];
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // Only a better message was at stake; the caller reports the original error either way.
            return null;
        }
    }
}
