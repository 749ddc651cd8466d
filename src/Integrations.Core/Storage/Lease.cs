namespace Integrations;

/// <summary>A lease held on a named resource until it is released or expires.</summary>
/// <param name="Key">The resource (for example <c>refresh:{integrationId}</c>).</param>
/// <param name="Holder">A random token identifying this acquisition; release and renew must present it.</param>
/// <param name="ExpiresAt">When the lease lapses if it is not renewed.</param>
public sealed record Lease(string Key, string Holder, DateTimeOffset ExpiresAt);
