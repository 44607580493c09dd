namespace Bot.Storage.LiteDb;

public static class Collections
{
    public const string Devices = "devices";
    public const string Channels = "channels";
    public const string Mappings = "mappings";
    public const string Calls = "pendingCalls";
    public const string CallAudit = "callAudit";
    public const string Callers = "callers";
}
