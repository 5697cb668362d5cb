namespace Rig.Protocols.Net;

/// <summary>How one HTTP exchange with a device ended.</summary>
public enum HttpOutcome
{
    /// <summary>A well-formed status line and headers arrived.</summary>
    Answered,

    /// <summary>The head did not arrive before the deadline (a silent or trickling server).</summary>
    TimedOut,

    /// <summary>The head grew past the limit.</summary>
    TooLarge,

    /// <summary>Not HTTP: a bad status line or header, or the connection closed before the head ended.</summary>
    Malformed,
}

/// <summary>One HTTP exchange: status, headers, how long the answer took, and the bounded transcript.</summary>
/// <param name="Status">The status code; 0 unless <see cref="Outcome"/> is Answered.</param>
/// <param name="Detail">One line saying what happened, for journals and errors.</param>
/// <param name="ElapsedNs">From the first byte sent to the end of the head (or the failure).</param>
public sealed record HttpAnswer(
    HttpOutcome Outcome,
    int Status,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    long ElapsedNs,
    string Detail,
    IReadOnlyList<TranscriptEntry> Transcript)
{
    /// <summary>All values of the header <paramref name="name"/>, in order.</summary>
    public IEnumerable<string> Values(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
}
