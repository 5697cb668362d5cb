namespace Rig.VirtualDevice;

/// <summary>
/// What the rig typed that no tx step has consumed yet, like a UART's receive buffer: bounded,
/// the oldest bytes go first when a flood arrives.
/// </summary>
internal sealed class PendingInput(int capacity)
{
    private readonly byte[] _buf = new byte[capacity];
    private int _length;

    public ReadOnlySpan<byte> Bytes => _buf.AsSpan(0, _length);

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.Length >= _buf.Length)
        {
            data[^_buf.Length..].CopyTo(_buf);
            _length = _buf.Length;
            return;
        }

        int overflow = _length + data.Length - _buf.Length;
        if (overflow > 0)
        {
            Consume(overflow);
        }

        data.CopyTo(_buf.AsSpan(_length));
        _length += data.Length;
    }

    /// <summary>Drops the first <paramref name="count"/> bytes (those a tx step took).</summary>
    public void Consume(int count)
    {
        count = Math.Min(count, _length);
        _buf.AsSpan(count, _length - count).CopyTo(_buf);
        _length -= count;
    }

    public void Clear() => _length = 0;
}
