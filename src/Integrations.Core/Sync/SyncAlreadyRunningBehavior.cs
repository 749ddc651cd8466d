namespace Integrations;

/// <summary>What a sync request does when a run of the same integration and resource is in progress.</summary>
public enum SyncAlreadyRunningBehavior
{
    /// <summary>Fail with <see cref="IntegrationErrorCode.SyncAlreadyRunning"/> (REST: <c>409 Conflict</c>).</summary>
    Reject = 0,

    /// <summary>Wait for the running run and return it instead of starting another.</summary>
    Join = 1,
}
