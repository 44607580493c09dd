namespace Bot.Storage.LiteDb;

/// <summary>The alarm relay's collections in the bot's LiteDB file.</summary>
public static class AlarmCollections
{
    public const string Alarms = "alarms";
    public const string Deliveries = "alarmDeliveries";
    /// <summary>Per-source cursors, opaque text. (The earlier per-category cursors of <c>alarmCursors</c> are not read:
    /// a source without a cursor reads what it still lists, and ids already stored are skipped.)</summary>
    public const string Cursors = "alarmSourceCursors";
    public const string FamilyMappings = "familyMappings";
    /// <summary>Every change of an alarm's state, one document per alarm and version.</summary>
    public const string Changes = "alarmChanges";
    /// <summary>Device silences, one per device.</summary>
    public const string Silences = "deviceSilences";
}
