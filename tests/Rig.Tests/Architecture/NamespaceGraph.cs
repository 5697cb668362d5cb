using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Rig.Tests.Architecture;

/// <summary>
/// Which Rig namespace uses which, read from compiled assemblies: a type depends on every namespace
/// named in its base type, interfaces, generic constraints, fields, method signatures, locals and
/// every type, field or method its IL names. Nested and compiler-generated types (lambdas, async
/// state machines) count for the namespace of the type that declares them.
/// </summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, HashSet<string>> _uses = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, HashSet<string>> Uses => _uses;

    /// <summary>Adds one assembly's namespaces and their uses of other Rig namespaces.</summary>
    public void Add(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        MetadataReader md = pe.GetMetadataReader();
        foreach (TypeDefinitionHandle handle in md.TypeDefinitions)
        {
            string from = NamespaceOf(md, handle);
            if (!IsRig(from))
            {
                continue;
            }

            var collector = new NamespaceCollector(md);
            collector.Type(md, handle, pe);
            HashSet<string> uses = Node(from);
            uses.UnionWith(collector.Found.Where(n => IsRig(n) && n != from));
        }
    }

    /// <summary>A namespace's node, present even when it uses nothing.</summary>
    public HashSet<string> Node(string ns)
    {
        if (!_uses.TryGetValue(ns, out HashSet<string>? set))
        {
            _uses[ns] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        return set;
    }

    private static bool IsRig(string ns) => ns == "Rig" || ns.StartsWith("Rig.", StringComparison.Ordinal);

    internal static string NamespaceOf(MetadataReader md, TypeDefinitionHandle handle)
    {
        TypeDefinition type = md.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } outer)
        {
            type = md.GetTypeDefinition(outer);
        }

        return md.GetString(type.Namespace);
    }

    internal static string NamespaceOf(MetadataReader md, TypeReferenceHandle handle)
    {
        TypeReference type = md.GetTypeReference(handle);
        while (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            type = md.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
        }

        return md.GetString(type.Namespace);
    }

    /// <summary>Collects the namespaces one type definition names; signatures are decoded for the types inside them.</summary>
    private sealed class NamespaceCollector(MetadataReader md) : ISignatureTypeProvider<int, object?>
    {
        public HashSet<string> Found { get; } = new(StringComparer.Ordinal);

        public void Type(MetadataReader reader, TypeDefinitionHandle handle, PEReader pe)
        {
            TypeDefinition type = reader.GetTypeDefinition(handle);
            Entity(type.BaseType);
            foreach (InterfaceImplementationHandle i in type.GetInterfaceImplementations())
            {
                Entity(reader.GetInterfaceImplementation(i).Interface);
            }

            Constraints(type.GetGenericParameters());
            foreach (FieldDefinitionHandle f in type.GetFields())
            {
                reader.GetFieldDefinition(f).DecodeSignature(this, null);
            }

            foreach (MethodDefinitionHandle m in type.GetMethods())
            {
                MethodDefinition method = reader.GetMethodDefinition(m);
                method.DecodeSignature(this, null);
                Constraints(method.GetGenericParameters());
                if (method.RelativeVirtualAddress != 0)
                {
                    Body(pe.GetMethodBody(method.RelativeVirtualAddress));
                }
            }
        }

        private void Body(MethodBodyBlock body)
        {
            if (!body.LocalSignature.IsNil)
            {
                md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
            }

            foreach (ExceptionRegion region in body.ExceptionRegions)
            {
                Entity(region.CatchType);
            }

            foreach (int token in IlOperands.MemberTokens(body.GetILBytes()!))
            {
                Entity(MetadataTokens.EntityHandle(token));
            }
        }

        private void Constraints(GenericParameterHandleCollection parameters)
        {
            foreach (GenericParameterHandle p in parameters)
            {
                foreach (GenericParameterConstraintHandle c in md.GetGenericParameter(p).GetConstraints())
                {
                    Entity(md.GetGenericParameterConstraint(c).Type);
                }
            }
        }

        private void Entity(EntityHandle handle)
        {
            if (handle.IsNil)
            {
                return;
            }

            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    Found.Add(NamespaceOf(md, (TypeDefinitionHandle)handle));
                    break;
                case HandleKind.TypeReference:
                    Found.Add(NamespaceOf(md, (TypeReferenceHandle)handle));
                    break;
                case HandleKind.TypeSpecification:
                    md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null);
                    break;
                case HandleKind.MethodDefinition:
                    MethodDefinition method = md.GetMethodDefinition((MethodDefinitionHandle)handle);
                    Entity(method.GetDeclaringType());
                    method.DecodeSignature(this, null);
                    break;
                case HandleKind.FieldDefinition:
                    FieldDefinition field = md.GetFieldDefinition((FieldDefinitionHandle)handle);
                    Entity(field.GetDeclaringType());
                    field.DecodeSignature(this, null);
                    break;
                case HandleKind.MemberReference:
                    MemberReference member = md.GetMemberReference((MemberReferenceHandle)handle);
                    Entity(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method)
                    {
                        member.DecodeMethodSignature(this, null);
                    }
                    else
                    {
                        member.DecodeFieldSignature(this, null);
                    }

                    break;
                case HandleKind.MethodSpecification:
                    MethodSpecification spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Entity(spec.Method);
                    spec.DecodeSignature(this, null);
                    break;
            }
        }

        public int GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            Found.Add(NamespaceOf(reader, handle));
            return 0;
        }

        public int GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            Found.Add(NamespaceOf(reader, handle));
            return 0;
        }

        public int GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public int GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;

        public int GetSZArrayType(int elementType) => 0;

        public int GetArrayType(int elementType, ArrayShape shape) => 0;

        public int GetByReferenceType(int elementType) => 0;

        public int GetPointerType(int elementType) => 0;

        public int GetPinnedType(int elementType) => 0;

        public int GetGenericInstantiation(int genericType, ImmutableArray<int> typeArguments) => 0;

        public int GetGenericTypeParameter(object? genericContext, int index) => 0;

        public int GetGenericMethodParameter(object? genericContext, int index) => 0;

        public int GetFunctionPointerType(MethodSignature<int> signature) => 0;

        public int GetModifiedType(int modifier, int unmodifiedType, bool isRequired) => 0;
    }
}
