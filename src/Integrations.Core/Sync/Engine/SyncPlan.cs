namespace Integrations.Internal;

/// <summary>What one resource of a request will do: its source, target and handler, and which ways it syncs.</summary>
internal sealed record SyncPlan(string Resource, SyncSourceRegistration Source, SyncSourceRegistration? Target, SyncHandlerRegistration Handler, bool Pull, bool Push)
{
    public SyncDirection Direction => Pull && Push ? SyncDirection.Both : Pull ? SyncDirection.Pull : SyncDirection.Push;

    public string LeaseKey(Guid integrationId) => $"integrations:sync:{integrationId}:{Resource}";
}
