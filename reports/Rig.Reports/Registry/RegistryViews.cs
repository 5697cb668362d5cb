using Rig.Reports.Certificates;

namespace Rig.Reports.Registry;

/// <summary>One certificate's row in an index; every text already cleaned, every href built from safe names.</summary>
public sealed record RowView(string Manufacturer, string Model, string Firmware, string Level, string ValidUntil, string State, string StateClass, string Href, string CertificateId);

/// <summary>A link in a list: its text, where it goes, how many certificates it leads to.</summary>
public sealed record LinkView(string Text, string Href, int Count);

/// <summary>An index page: all certificates, or one manufacturer's. <paramref name="Root"/> is the relative way back to the site's root ("" or "../").</summary>
public sealed record IndexView(string Title, string Heading, string Root, string Generated, int Count, IReadOnlyList<LinkView> Manufacturers, IReadOnlyList<RowView> Rows, string KeyFingerprint);

/// <summary>A published file: its name and its link.</summary>
public sealed record FileView(string Name, string Href);

/// <summary>A certificate's page.</summary>
public sealed record EntryView(
    string CertificateId,
    string Root,
    string Generated,
    StatusView Status,
    string? Rechecked,
    string Manufacturer,
    string ManufacturerHref,
    string Model,
    string Firmware,
    string Level,
    string LevelTitle,
    string Standard,
    string Issued,
    string ValidUntil,
    string ReportId,
    string LabName,
    string RegistryUrl,
    string KeyFingerprint,
    IReadOnlyList<FileView> Files)
{
    /// <summary>The label's markup, written only by the {{registryLabel}} helper.</summary>
    internal string LabelMarkup { get; init; } = "";
}
