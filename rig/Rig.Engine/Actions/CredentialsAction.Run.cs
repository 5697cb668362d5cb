namespace Rig.Engine.Actions;

public sealed partial class CredentialsAction
{
    public Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct) =>
        throw new NotImplementedException("telnet sweep: waiting for the telnet client");
}
