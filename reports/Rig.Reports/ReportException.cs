namespace Rig.Reports;

/// <summary>A report could not be rendered, signed or verified; the message names the file and the reason.</summary>
public class ReportException : Exception
{
    public ReportException(string message) : base(message) { }

    public ReportException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A report template was refused or failed; the message names the file (and line:column where known).</summary>
public sealed class ReportTemplateException : ReportException
{
    public ReportTemplateException(string message) : base(message) { }

    public ReportTemplateException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A lab key could not be created or loaded. The message never contains key material.</summary>
public sealed class LabKeyException : ReportException
{
    public LabKeyException(string message) : base(message) { }

    public LabKeyException(string message, Exception inner) : base(message, inner) { }
}
