using Rig.Reports.Rendering;

namespace Rig.Reports.Certificates;

/// <summary>The certificate's views as its template reads them (see <see cref="ViewDescriptors"/>).</summary>
internal static class CertificateViewDescriptors
{
    public static ViewDescriptors All { get; } = new(
        ViewDescriptors.Describe<CertificateView>(), ViewDescriptors.Describe<StatusView>(), ViewDescriptors.DescribeArray<string>());
}
