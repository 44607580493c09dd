using System.Runtime.InteropServices;

namespace Bot.Host.Startup;

/// <summary>
/// glibc's allocator gives threads that allocate at once arenas of their own (up to eight per core), each keeping what
/// it once held. The bot's native allocations are small (OpenSSL's connection state for Slack and Teams), yet during an
/// alarm storm the extra arenas held about 15 MB more than two do (README, "Memory"). An admin's own
/// <c>MALLOC_ARENA_MAX</c> wins; off Linux, or on a C library without the option, nothing changes.
/// </summary>
public static class NativeHeap
{
    /// <summary>Arenas of glibc's allocator the bot allows itself.</summary>
    public const int Arenas = 2;

    /// <summary>glibc's <c>M_ARENA_MAX</c> option of <c>mallopt</c>.</summary>
    private const int ArenaMaxOption = -8;

    /// <summary>Limits the arenas, before the host starts its threads; true when the limit is in place.</summary>
    public static bool LimitArenas()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null) return false;
        try
        {
            return SetOption(ArenaMaxOption, Arenas) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int SetOption(int option, int value);
}
