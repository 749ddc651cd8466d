namespace Integrations.Sample;

/// <summary>What the command line asked for.</summary>
internal sealed record SampleOptions
{
    /// <summary>Which provider the tour runs against.</summary>
    public SampleProvider Provider { get; init; } = SampleProvider.Sandbox;

    /// <summary>The OpenID Connect issuer (<see cref="SampleProvider.Oidc"/> only).</summary>
    public string? Authority { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    /// <summary>Scopes to request; empty means the flow's defaults.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>The loopback port of the redirect listener.</summary>
    public int Port { get; init; } = 5599;

    public SampleStore Store { get; init; } = SampleStore.Memory;

    /// <summary>The Npgsql connection string for <see cref="SampleStore.Postgres"/>.</summary>
    public string? Connection { get; init; }

    /// <summary>Whether the SDK's informational log messages are printed too (warnings always are).</summary>
    public bool Verbose { get; init; }

    /// <summary>How many items the sandbox's synced resource holds before the initial sync.</summary>
    public int SyncItems { get; init; } = SyncScenario.DefaultItemCount;
}

/// <summary>The provider of a run (<c>--provider</c>).</summary>
internal enum SampleProvider
{
    /// <summary>The in-process sandbox: no account, no network (the default).</summary>
    Sandbox,

    /// <summary>Any OpenID Connect provider, found through <c>--authority</c> (which implies it).</summary>
    Oidc,

    /// <summary>Strava, through the Integrations.Providers.Strava package.</summary>
    Strava,
}

/// <summary>Where the SDK keeps integrations, pending authorizations and leases (and sync state, when the store has it).</summary>
internal enum SampleStore
{
    /// <summary>The SDK's default in-memory stores: gone when the process ends.</summary>
    Memory,

    /// <summary>The EF Core stores on PostgreSQL (package Integrations.Storage.EfCore).</summary>
    Postgres,
}

/// <summary>A step of the sample failed for a reason the sample itself detected.</summary>
internal sealed class SampleException(string message) : Exception(message);
