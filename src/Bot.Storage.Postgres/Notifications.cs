namespace Bot.Storage.Postgres;

/// <summary>The LISTEN/NOTIFY channels the replicas tell each other news on.</summary>
public static class Notifications
{
    /// <summary>New alarm work: alarms taken, an acknowledgement to show. Payload: nothing.</summary>
    public const string Work = "bot_work";
    /// <summary>Devices, channels or mappings changed (announced by the tables' triggers). Payload: the table.</summary>
    public const string Model = "bot_model";
}
