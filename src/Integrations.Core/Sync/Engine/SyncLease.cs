using Microsoft.Extensions.Logging;

namespace Integrations.Internal;

/// <summary>
/// Holds the lease of one integration and resource while a run lasts: renews it every
/// <see cref="SyncOptions.LeaseRenewalInterval"/> and signals <see cref="Lost"/> when another holder
/// took it (or it expired while the store was unreachable).
/// </summary>
internal sealed class SyncLease : IAsyncDisposable
{
    private readonly ILeaseStore _store;
    private readonly SyncOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private Lease _lease;
    private Task _renewal = Task.CompletedTask;

    private SyncLease(Lease lease, ILeaseStore store, SyncOptions options, TimeProvider time, ILogger logger)
    {
        _lease = lease;
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Cancelled when the lease is lost.</summary>
    public CancellationToken Lost => _lost.Token;

    public bool IsLost => _lost.IsCancellationRequested;

    public static async Task<SyncLease?> TryAcquireAsync(ILeaseStore store, string key, SyncOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var lease = await store.TryAcquireAsync(key, options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return null;
        }

        var held = new SyncLease(lease, store, options, time, logger);
        held._renewal = held.RenewWhileHeldAsync();
        return held;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                await _store.ReleaseAsync(_lease, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The lease expires on its own; a failed release only delays the next run.
                SyncLog.LeaseRenewalFailed(_logger, ex, _lease.Key);
            }
        }

        _stop.Dispose();
        _lost.Dispose();
    }

    private async Task RenewWhileHeldAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.LeaseRenewalInterval, _time, token).ConfigureAwait(false);
                var renewed = await _store.RenewAsync(_lease, _options.LeaseDuration, token).ConfigureAwait(false);
                if (renewed is null)
                {
                    SignalLost();
                    return;
                }

                _lease = renewed;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                SyncLog.LeaseRenewalFailed(_logger, ex, _lease.Key);
                if (_time.GetUtcNow() >= _lease.ExpiresAt)
                {
                    SignalLost();
                    return;
                }
            }
        }
    }

    private void SignalLost()
    {
        SyncLog.LeaseLost(_logger, _lease.Key);
        _lost.Cancel();
    }
}
