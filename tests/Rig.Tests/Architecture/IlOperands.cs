using System.Reflection;
using System.Reflection.Emit;

namespace Rig.Tests.Architecture;

/// <summary>Walks a method body's IL and yields the metadata token of every instruction that names a type, field or method.</summary>
/// <remarks>Operand sizes come from the runtime's own opcode table, so no instruction is misread as another.</remarks>
internal static class IlOperands
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => op.Value, op => op.OperandType);

    public static IEnumerable<int> MemberTokens(byte[] il)
    {
        int at = 0;
        while (at < il.Length)
        {
            short code = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            OperandType operand = Operands[code];
            if (operand is OperandType.InlineType or OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok)
            {
                yield return BitConverter.ToInt32(il, at);
            }

            at += operand switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
        }
    }
}
