using System.Globalization;
using System.Reflection;
using HandlebarsDotNet;
using Rig.Reports.Certificates;
using Rig.Reports.Registry;
using Rig.Reports.Rendering;

namespace Rig.Tests.Reports;

/// <summary>
/// Templates read Rig's views through ViewDescriptors (which a natively compiled rig can run), and
/// must read them exactly as Handlebars.Net's own reflection reader does.
/// </summary>
public class ViewDescriptorsTests
{
    // Every construct a lab's template can use on a view: members by any case, nested views, bools,
    // {{#each}} over a view's members (@key, in order), lists (@index, @first, @last, length, an
    // index, one past the end with else), #with, lookup, #unless, a list of strings.
    private const string Template =
        "{{reportId}} {{REPORTID}} {{overall.text}} {{hasTimeline}} {{plans.length}} {{plans.[0].id}} {{tally.[0].count}}\n" +
        "{{#each device}}{{@key}}={{this}};{{/each}}\n" +
        "{{#each plans}}{{@index}}{{#if @first}}f{{/if}}{{#if @last}}l{{/if}} {{id}} {{verdict.class}} {{hasDiagram}} {{provisions.length}} " +
        "{{#each provisions}}[{{this}}]{{/each}} {{#each evidence}}{{title}}:{{rows.count}} {{rows.[0].text}}{{#each rows}}{{time}}{{direction}}{{text}};{{/each}}{{/each}} " +
        "{{#each inputs}}{{name}}{{else}}none{{/each}} {{lookup ../bench \"slot\"}}{{/each}}\n" +
        "{{#with lab}}{{name}}/{{address}}/{{accreditationId}}{{/with}} {{#each deviations}}{{planId}} {{kind}}{{else}}no deviations{{/each}}\n" +
        "{{#unless ladder}}no ladder{{/unless}} {{#if conformity}}{{#each conformity}}{{@key}};{{/each}} {{#each conformity.provisions}}{{id}}{{outcome.text}}{{/each}}{{/if}}";

    [Test]
    public void EveryTypeAViewReachesIsDescribedByItsOwner()
    {
        AssertDescribes(ViewDescriptors.Report, typeof(ReportView));
        AssertDescribes(CertificateViewDescriptors.All, typeof(CertificateView));
        AssertDescribes(RegistryViewDescriptors.All, typeof(IndexView), typeof(EntryView));
    }

    private static void AssertDescribes(ViewDescriptors descriptors, params Type[] roots)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(roots);
        while (queue.TryDequeue(out Type? type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (PropertyInfo p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                Type t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
                if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
                {
                    t = t.GetGenericArguments()[0];
                }

                if (t.Namespace?.StartsWith("Rig.", StringComparison.Ordinal) == true)
                {
                    queue.Enqueue(t);
                }
                else
                {
                    Assert.That(t.IsPrimitive || t == typeof(string), Is.True, $"{type.Name}.{p.Name} is a {t}: a template could not read it the same way natively");
                }
            }
        }

        Assert.That(descriptors.Types, Is.SupersetOf(seen.Concat(seen.Select(t => t.MakeArrayType())).Concat(seen.Select(t => typeof(List<>).MakeGenericType(t))).Append(typeof(string[]))), roots[0].Name);
    }

    [Test]
    public void ATemplateReadsAViewAsHandlebarsItselfDoes()
    {
        foreach (ReportView view in new[] { SampleReport.Model(), SampleReports.Ordinary(), SampleReports.Hostile() }.Select(ReportViewBuilder.Build))
        {
            string ours = Render(ViewDescriptors.Report.AddTo(Configuration()), view);
            string theirs = Render(Configuration(), view);
            Assert.That(ours, Is.EqualTo(theirs));
            Assert.That(ours, Does.Contain(view.ReportId + " " + view.ReportId).And.Contain("Manufacturer="));
        }
    }

    [Test]
    public void AMisspeltMemberIsStillAnError()
    {
        ReportView view = ReportViewBuilder.Build(SampleReport.Model());
        Assert.Throws<HandlebarsDotNet.Compiler.HandlebarsUndefinedBindingException>(() => Render(ViewDescriptors.Report.AddTo(Configuration()), view, "{{lab.nmae}}"));
        Assert.Throws<HandlebarsDotNet.Compiler.HandlebarsUndefinedBindingException>(() => Render(ViewDescriptors.Report.AddTo(Configuration()), view, "{{plans.[5].id}}"));
    }

    private static HandlebarsConfiguration Configuration() => new()
    {
        TextEncoder = new HtmlEncoder(),
        ThrowOnUnresolvedBindingExpression = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    private static string Render(HandlebarsConfiguration configuration, ReportView view, string template = Template) =>
        Handlebars.Create(configuration).Compile(template)(view);
}
