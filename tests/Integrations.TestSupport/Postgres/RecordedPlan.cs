namespace Integrations.TestSupport.Postgres;

/// <summary>One query and its plan.</summary>
/// <param name="Sql">The SQL EF Core sent.</param>
/// <param name="Plan">PostgreSQL's plan for it.</param>
public sealed record RecordedPlan(string Sql, string Plan);
