using System.Collections.Immutable;

namespace Integrations;

/// <summary>The result of completing a connect flow.</summary>
/// <param name="Integration">The new or updated integration.</param>
/// <param name="IsNew">Whether a new integration was created (rather than a reconnect of an existing one).</param>
/// <param name="Properties">The host data given to <see cref="BeginConnectRequest.Properties"/>.</param>
public sealed record ConnectResult(Integration Integration, bool IsNew, ImmutableDictionary<string, string> Properties);
