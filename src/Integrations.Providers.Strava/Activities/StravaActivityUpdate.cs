namespace Integrations.Providers.Strava;

/// <summary>
/// Changes to an activity (<c>PUT /activities/{id}</c>, scope <c>activity:write</c>). A
/// <see langword="null"/> property is left as it is at Strava.
/// </summary>
public sealed record StravaActivityUpdate
{
    /// <summary>The new name, or <see langword="null"/> to keep it.</summary>
    public string? Name { get; init; }

    /// <summary>The new sport (<c>Run</c>, <c>Ride</c>, ...), or <see langword="null"/> to keep it.</summary>
    public string? SportType { get; init; }

    /// <summary>The new description, or <see langword="null"/> to keep it (an empty string clears it).</summary>
    public string? Description { get; init; }
}
