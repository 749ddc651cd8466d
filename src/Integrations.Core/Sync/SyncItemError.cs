namespace Integrations;

/// <summary>One item that could not be synced. The run goes on with the other items.</summary>
/// <param name="Side">The side the write failed on: <see cref="SyncSide.Local"/> for a remote change the handler could not apply, <see cref="SyncSide.Remote"/> for a local change the provider refused.</param>
/// <param name="ItemId">The external id (pull) or the local id (push) of the item.</param>
/// <param name="Code">What went wrong.</param>
/// <param name="Message">A message without secrets.</param>
public sealed record SyncItemError(SyncSide Side, string ItemId, IntegrationErrorCode Code, string Message);
