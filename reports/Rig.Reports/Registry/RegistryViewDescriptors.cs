using Rig.Reports.Certificates;
using Rig.Reports.Rendering;

namespace Rig.Reports.Registry;

/// <summary>The registry's views as its templates read them (see <see cref="ViewDescriptors"/>).</summary>
internal static class RegistryViewDescriptors
{
    public static ViewDescriptors All { get; } = new(
        ViewDescriptors.Describe<IndexView>(), ViewDescriptors.Describe<EntryView>(), ViewDescriptors.Describe<RowView>(),
        ViewDescriptors.Describe<LinkView>(), ViewDescriptors.Describe<FileView>(), ViewDescriptors.Describe<StatusView>(),
        ViewDescriptors.DescribeArray<string>());
}
