namespace Integrations.Internal;

/// <summary>
/// One load-or-refresh of one integration's tokens, shared by every caller of the process that
/// asks meanwhile. It runs under its own timeout; a caller's cancellation ends only that caller's
/// wait on <see cref="Completion"/>.
/// </summary>
internal sealed class RefreshFlight(IntegrationOwner owner, bool forced, string? rejectedToken)
{
    private long _publishedUsableUntil = long.MaxValue;

    /// <summary>The owner the flight reads the store for; only callers of that owner share its result.</summary>
    public IntegrationOwner Owner { get; } = owner;

    /// <summary>Whether the flight must replace the current token (it was rejected) rather than just find a valid one.</summary>
    public bool Forced { get; } = forced;

    /// <summary>The rejected token the forced flight was started for; <see langword="null"/> for "whatever is current".</summary>
    public string? RequestedRejectedToken { get; } = rejectedToken;

    /// <summary>The token value a forced flight must replace; set to the current one when none was named.</summary>
    public string? RejectedToken { get; set; } = rejectedToken;

    /// <summary>Completes with a usable token as soon as there is one, possibly before the flight ends.</summary>
    public TaskCompletionSource<AccessToken> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes (never faults) when the flight has ended and left the flight table.</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether a caller may take this flight's result.</summary>
    /// <param name="owner">The caller's owner.</param>
    /// <param name="forced">Whether the caller needs a replacement for <paramref name="rejectedToken"/>.</param>
    /// <param name="rejectedToken">The token the caller's provider rejected.</param>
    /// <param name="nowTicks">The current time, to skip a result published long ago that is no longer usable.</param>
    public bool CanServe(in IntegrationOwner owner, bool forced, string? rejectedToken, long nowTicks)
    {
        if (!string.Equals(Owner.UserId, owner.UserId, StringComparison.Ordinal)
            || !string.Equals(Owner.TenantId, owner.TenantId, StringComparison.Ordinal))
        {
            return false;
        }

        // A failed flight is still in the table for a moment after its callers were told; a caller
        // arriving then asks anew instead of inheriting a failure that happened before it asked
        // (after a lost refresh response, that stale error would hide the real next outcome).
        if (Completion.Task.IsFaulted
            || (Completion.Task.IsCompletedSuccessfully && nowTicks >= Volatile.Read(ref _publishedUsableUntil)))
        {
            return false;
        }

        return !forced
            || (Forced && (rejectedToken is null || RequestedRejectedToken is null || string.Equals(rejectedToken, RequestedRejectedToken, StringComparison.Ordinal)));
    }

    /// <summary>Hands <paramref name="token"/> to the waiting callers, unless they already have one.</summary>
    public void Publish(AccessToken token, long usableUntilTicks)
    {
        if (Completion.TrySetResult(token))
        {
            Volatile.Write(ref _publishedUsableUntil, usableUntilTicks);
        }
    }

    /// <summary>Fails the waiting callers, unless they already have a token.</summary>
    public void Fail(Exception error)
    {
        if (Completion.TrySetException(error))
        {
            // Nobody may be waiting (a background refresh): mark the error observed.
            _ = Completion.Task.Exception;
        }
    }
}
