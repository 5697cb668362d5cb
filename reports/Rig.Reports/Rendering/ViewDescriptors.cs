using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using HandlebarsDotNet;
using HandlebarsDotNet.Iterators;
using HandlebarsDotNet.MemberAccessors;
using HandlebarsDotNet.ObjectDescriptors;
using HandlebarsDotNet.PathStructure;

namespace Rig.Reports.Rendering;

/// <summary>
/// How a template reads Rig's views, exactly as Handlebars.Net's own reader does: a view's public
/// properties by name ignoring case (in declaration order for {{#each}} over a view); a list (an
/// array or a List) by index, its own properties ({{plans.length}}, {{rows.count}}) and its items. Handlebars.Net's reader
/// builds each getter from a generic method made at run time, which a natively compiled rig
/// (Native AOT) has no code for: a bool, an int or an array's length fails there. This one reads
/// through the properties' metadata, which the annotation below keeps for exactly these types.
/// Every type a view can reach is listed by its owner (ViewDescriptorsTests walks them).
/// </summary>
internal sealed class ViewDescriptors : IObjectDescriptorProvider
{
    // An array's properties (Length, Rank, ...) are System.Array's, whatever its items.
    private static readonly PropertyInfo[] ArrayProperties = Readable(typeof(Array).GetProperties(BindingFlags.Public | BindingFlags.Instance));

    private readonly FrozenDictionary<Type, ObjectDescriptor> _descriptors;

    /// <summary>A reader for the given views; each owner (report, certificate, registry) lists its own.</summary>
    public ViewDescriptors(params ObjectDescriptor[][] views) =>
        _descriptors = views.SelectMany(d => d).ToFrozenDictionary(d => d.DescribedType);

    /// <summary>The report's views.</summary>
    public static ViewDescriptors Report { get; } = new(
        Describe<ReportView>(), Describe<DeviationView>(), Describe<ConformityView>(), Describe<ProvisionView>(),
        Describe<LabView>(), Describe<DeviceView>(), Describe<BenchView>(), Describe<VerdictView>(),
        Describe<VerdictCount>(), Describe<PlanView>(), Describe<InputView>(), Describe<EvidenceView>(),
        Describe<EvidenceRow>(), Describe<SignerView>(), Describe<LadderView>(), Describe<LevelView>(),
        DescribeArray<string>());

    /// <summary>The view types a template can read through this reader.</summary>
    public IEnumerable<Type> Types => _descriptors.Keys;

    /// <summary>Makes <paramref name="configuration"/> read these views through this reader (a provider added last is asked first).</summary>
    public HandlebarsConfiguration AddTo(HandlebarsConfiguration configuration)
    {
        configuration.ObjectDescriptorProviders.Add(this);
        return configuration;
    }

    public bool TryGetDescriptor(Type type, [NotNullWhen(true)] out ObjectDescriptor? value) => _descriptors.TryGetValue(type, out value);

    /// <summary>A view type and arrays of it.</summary>
    public static ObjectDescriptor[] Describe<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] T>()
        where T : class
    {
        PropertyInfo[] properties = Readable(typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance));
        ChainSegment[] names = Names(properties);
        return [new ObjectDescriptor(typeof(T), new PropertyReader(properties), (_, _) => names, self => new ObjectIterator(self)), .. DescribeArray<T>(), DescribeList<T>()];
    }

    public static ObjectDescriptor[] DescribeArray<T>()
        where T : class
    {
        ChainSegment[] names = Names(ArrayProperties);
        var reader = new MergedMemberAccessor(new IndexReader(), new PropertyReader(ArrayProperties)); // an index first, as Handlebars.Net reads a list
        return [new ObjectDescriptor(typeof(T[]), reader, (_, _) => names, _ => new ArrayIterator<T>())];
    }

    // A List<T>'s own properties: Capacity and Count ({{rows.count}}).
    private static ObjectDescriptor DescribeList<T>()
        where T : class
    {
        PropertyInfo[] properties = Readable(typeof(List<T>).GetProperties(BindingFlags.Public | BindingFlags.Instance));
        ChainSegment[] names = Names(properties);
        var reader = new MergedMemberAccessor(new IndexReader(), new PropertyReader(properties));
        return new ObjectDescriptor(typeof(List<T>), reader, (_, _) => names, _ => new ListIterator<List<T>>());
    }

    private static PropertyInfo[] Readable(PropertyInfo[] properties) =>
        properties.Where(p => p.CanRead && p.GetIndexParameters().Length == 0).DistinctBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToArray();

    private static ChainSegment[] Names(PropertyInfo[] properties) => properties.Select(p => ChainSegment.Create(p.Name)).ToArray();

    /// <summary>{{list.[2]}}: an item by its index; past the end is undefined.</summary>
    private sealed class IndexReader : IMemberAccessor
    {
        public bool TryGetValue(object instance, ChainSegment memberName, out object? value)
        {
            var list = (System.Collections.IList)instance;
            if (int.TryParse(memberName.TrimmedValue, NumberStyles.Integer, CultureInfo.InvariantCulture, out int index) && index >= 0 && index < list.Count)
            {
                value = list[index];
                return true;
            }

            value = null;
            return false;
        }
    }

    private sealed class PropertyReader(PropertyInfo[] properties) : IMemberAccessor
    {
        private readonly FrozenDictionary<string, PropertyInfo> _byName = properties.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

        public bool TryGetValue(object instance, ChainSegment memberName, out object? value)
        {
            if (_byName.TryGetValue(memberName.TrimmedValue, out PropertyInfo? property))
            {
                value = property.GetValue(instance);
                return true;
            }

            value = null;
            return false;
        }
    }
}
