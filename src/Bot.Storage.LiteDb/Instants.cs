namespace Bot.Storage.LiteDb;

// Instants are stored as Unix milliseconds: exact, and free of LiteDB's local-time conversions.
internal static class Instants
{
    public static long ToStored(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();
    public static DateTimeOffset FromStored(long stored) => DateTimeOffset.FromUnixTimeMilliseconds(stored);
    public static long? ToStored(DateTimeOffset? instant) => instant?.ToUnixTimeMilliseconds();
    public static DateTimeOffset? FromStored(long? stored) => stored is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : null;
}
