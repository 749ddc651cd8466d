using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>Recognizes the database errors the stores turn into typed <see cref="IntegrationException"/>s.</summary>
internal static class DatabaseErrors
{
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
