namespace Bot.Storage.Postgres;

// Instants are stored as Unix milliseconds, as in the LiteDB file: exact and free of time zones.
internal static class Instants
{
    public static long ToStored(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();
    public static DateTimeOffset FromStored(long stored) => DateTimeOffset.FromUnixTimeMilliseconds(stored);
    public static long? ToStored(DateTimeOffset? instant) => instant?.ToUnixTimeMilliseconds();
    public static DateTimeOffset? FromStored(long? stored) => stored is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : null;
}
