using System.Collections.Immutable;

namespace Integrations.Testing.Internal;

/// <summary>What a successful code exchange or refresh hands out.</summary>
internal sealed record IssuedTokens(string AccessToken, TimeSpan ExpiresIn, string? RefreshToken, ImmutableArray<string> Scopes);
