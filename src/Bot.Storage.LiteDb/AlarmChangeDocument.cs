using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>One change of an alarm's state. Id is <c>alarmId|version</c>: a version is recorded once.</summary>
public sealed class AlarmChangeDocument
{
    [BsonId] public string Id { get; set; } = "";
    public string AlarmId { get; set; } = "";
    public long Version { get; set; }
    /// <summary>The <c>AlarmTransition</c> name.</summary>
    public string Transition { get; set; } = "";
    public string From { get; set; } = "";
    public string To { get; set; } = "";
    public string Platform { get; set; } = "";
    public string UserId { get; set; } = "";
    public string UserName { get; set; } = "";
    /// <summary>Where the click came from; empty for acknowledgements stored before changes were recorded.</summary>
    public string ChannelKey { get; set; } = "";
    public long At { get; set; }

    public static string IdOf(string alarmId, long version) => $"{alarmId}|{version}";
}
