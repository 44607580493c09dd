using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>A storm card's state; <see cref="Behind"/> while it shows fewer alarms than it holds (indexed: the presenter's read).</summary>
public sealed class StormDocument
{
    [BsonId] public string Id { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public string DeviceId { get; set; } = "";
    public List<string> AlarmIds { get; set; } = [];
    /// <summary>A backlog summary's device of each alarm (parallel to <see cref="AlarmIds"/>); empty for a device's storm.</summary>
    public List<string> DeviceIds { get; set; } = [];
    public long FirstAt { get; set; }
    public long LatestAt { get; set; }
    public string? MessageRef { get; set; }
    public int ShownCount { get; set; }
    public long NextEditAt { get; set; }
    public bool Behind { get; set; }
}
