namespace Integrations.Providers.Strava;

/// <summary>A manual activity to create (<c>POST /activities</c>, scope <c>activity:write</c>).</summary>
public sealed record StravaNewActivity
{
    /// <summary>The name (title). Required.</summary>
    public required string Name { get; init; }

    /// <summary>The sport (<c>Run</c>, <c>Ride</c>, ...). Required.</summary>
    public required string SportType { get; init; }

    /// <summary>When it started on the local clock where it happened (sent as Strava's <c>start_date_local</c>). Required.</summary>
    public required DateTime StartDateLocal { get; init; }

    /// <summary>How long it took, pauses included; whole seconds are sent. Required.</summary>
    public required TimeSpan ElapsedTime { get; init; }

    /// <summary>The description.</summary>
    public string? Description { get; init; }

    /// <summary>The distance, in metres.</summary>
    public double? Distance { get; init; }

    /// <summary>Whether it was done on a trainer.</summary>
    public bool Trainer { get; init; }

    /// <summary>Whether it was a commute.</summary>
    public bool Commute { get; init; }
}
