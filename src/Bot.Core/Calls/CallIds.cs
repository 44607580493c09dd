using System.Security.Cryptography;

namespace Bot.Core.Calls;

/// <summary>
/// New call ids: 80 bits from the system's cryptographic generator as 20 lower-case hex digits (short, unguessable,
/// safe in a button value on any platform and in a URL). The generator is asked for a block of bytes at a time per
/// thread rather than ten bytes per call: the same unpredictable bytes, without a system call for every request.
/// </summary>
public static class CallIds
{
    public const int Bytes = 10;
    private const int Block = 64 * Bytes;

    [ThreadStatic] private static byte[]? _block;
    [ThreadStatic] private static int _used;

    public static string New()
    {
        var block = _block ??= new byte[Block];
        if (_used == 0 || _used + Bytes > Block)
        {
            RandomNumberGenerator.Fill(block);
            _used = 0;
        }
        var bytes = block.AsSpan(_used, Bytes);
        _used += Bytes;
        var id = Convert.ToHexStringLower(bytes);
        // Bytes handed out are not left behind in memory for the next reader of this buffer.
        bytes.Clear();
        return id;
    }
}
