using System.Collections.Concurrent;
using Integrations.TestSupport;

namespace Integrations.Core.Tests.Tokens;

/// <summary>
/// An <see cref="IOAuthProvider"/> whose refresh is scripted: it counts calls, can be held at a gate,
/// and issues <c>access-N</c> / <c>refresh-N</c> for the N-th refresh, valid for an hour.
/// </summary>
internal sealed class FakeOAuthProvider(FakeTimeProvider time, string name = "fake") : IOAuthProvider
{
    private int _refreshCount;
    private volatile TaskCompletionSource? _gate;

    public string Name => name;

    public TokenRefreshOptions TokenRefresh { get; } = new();

    public bool SupportsRevocation => false;

    public int RefreshCount => Volatile.Read(ref _refreshCount);

    public ConcurrentQueue<TokenRefreshContext> Requests { get; } = new();

    public ConcurrentQueue<CancellationToken> CancellationTokens { get; } = new();

    /// <summary>Completes when the first refresh reaches the provider.</summary>
    public TaskCompletionSource RefreshStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Builds the response of the N-th refresh.</summary>
    public Func<TokenRefreshContext, int, TokenSet> Respond { get; set; } =
        (_, n) => new TokenSet($"access-{n}") { RefreshToken = $"refresh-{n}", ExpiresAt = time.GetUtcNow().AddHours(1) };

    /// <summary>When set, refreshes throw this instead of answering.</summary>
    public Exception? Failure { get; set; }

    /// <summary>Holds every refresh until the returned gate is completed.</summary>
    public TaskCompletionSource HoldRefreshes()
    {
        var gate = new TaskCompletionSource();
        _gate = gate;
        return gate;
    }

    public async Task<TokenSet> RefreshAsync(TokenRefreshContext context, CancellationToken cancellationToken = default)
    {
        var n = Interlocked.Increment(ref _refreshCount);
        Requests.Enqueue(context);
        CancellationTokens.Enqueue(cancellationToken);
        RefreshStarted.TrySetResult();
        if (_gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }

        return Respond(context, n);
    }

    public ValueTask<Uri> CreateAuthorizationUrlAsync(AuthorizationUrlContext context, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<TokenSet> ExchangeCodeAsync(CodeExchangeContext context, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ExternalAccount> GetAccountAsync(TokenSet tokens, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public IReadOnlyList<string> GetGrantedScopes(ConnectCallback callback, TokenSet tokens, IReadOnlyList<string> requestedScopes) => throw new NotSupportedException();

    public Task RevokeAsync(TokenSet tokens, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
