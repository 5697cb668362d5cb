using Rig.Drivers.Native;

namespace Rig.Tests.Native;

public unsafe class PtyTests
{
    [Test]
    public void Termios2HasTheKernelLayout()
    {
        Assert.That(sizeof(Termios2), Is.EqualTo(44));
        Termios2 t = default;
        Assert.That((int)((byte*)&t.c_ispeed - (byte*)&t), Is.EqualTo(36));
    }

    [Test]
    public void MasterBytesReachTheRawSlaveUnchanged()
    {
        using Pty pty = Pty.Open();
        int slave = Libc.Open(pty.SlavePath, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC, 0);
        Assert.That(slave, Is.GreaterThanOrEqualTo(0), pty.SlavePath);
        try
        {
            byte[] sent = "abc\n\x00\xff"u8.ToArray();
            fixed (byte* p = sent)
            {
                Assert.That((int)Libc.Write(pty.MasterFd, p, (nuint)sent.Length), Is.EqualTo(sent.Length));
            }

            byte* buf = stackalloc byte[64];
            int n = (int)Libc.Read(slave, buf, 64); // raw: no wait for a newline, no \n -> \r\n
            Assert.That(new ReadOnlySpan<byte>(buf, n).ToArray(), Is.EqualTo(sent));
        }
        finally
        {
            Libc.Close(slave);
        }
    }
}
