namespace Bot.Storage.LiteDb;

/// <summary>The names of the LiteDB collections (kept stable: they are the file format).</summary>
public static class Collections
{
    public const string Devices = "devices";
    public const string Channels = "channels";
    public const string Mappings = "mappings";
    public const string Calls = "pendingCalls";
    public const string CallAudit = "callAudit";
    public const string Callers = "callers";
    public const string OnCall = "onCall";
    public const string Escalations = "escalations";
    public const string Storms = "storms";
    public const string StormWatches = "stormWatches";
    public const string SigningKeys = "signingKeys";
}
