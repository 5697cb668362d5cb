using System.Globalization;
using HandlebarsDotNet;

namespace Rig.Reports.Rendering;

/// <summary>
/// A Handlebars instance as every built-in page uses it: the HTML encoder (never the legacy one,
/// never none), a misspelt field an error rather than a blank, invariant formatting, and the
/// escaping proven before anything is rendered.
/// </summary>
internal static class EscapingHandlebars
{
    public static IHandlebars Create(ViewDescriptors views)
    {
        IHandlebars handlebars = Handlebars.Create(views.AddTo(new HandlebarsConfiguration
        {
            TextEncoder = new HtmlEncoder(),
            ThrowOnUnresolvedBindingExpression = true,
            FormatProvider = CultureInfo.InvariantCulture,
        }));
        ReportTemplate.EscapingSelfTest(handlebars);
        return handlebars;
    }
}
