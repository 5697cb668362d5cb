namespace Rig.Protocols;

/// <summary>The rig itself failed (a driver, a relay, a console): the verdict is error, not fail.</summary>
public class RigFaultException : Exception
{
    public RigFaultException(string message) : base(message) { }

    public RigFaultException(string message, Exception inner) : base(message, inner) { }
}
