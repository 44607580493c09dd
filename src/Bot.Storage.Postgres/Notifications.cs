namespace Bot.Storage.Postgres;

/// <summary>The LISTEN/NOTIFY channels the replicas tell each other news on.</summary>
public static class Notifications
{
    /// <summary>New alarm work: alarms taken, an acknowledgement to show. Payload: nothing.</summary>
    public const string Work = "bot_work";
    /// <summary>Devices, channels or mappings changed (announced by the tables' triggers). Payload: <c>table:key</c>, a mapping's key being <c>channel\tdevice</c>.</summary>
    public const string Model = "bot_model";
}
