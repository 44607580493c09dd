namespace Bot.Storage.Postgres;

/// <summary>A row of <c>storms</c>.</summary>
public sealed class StormRow
{
    public string Id { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public string DeviceId { get; set; } = "";
    public string[] AlarmIds { get; set; } = [];
    public string[] DeviceIds { get; set; } = [];
    public long FirstAt { get; set; }
    public long LatestAt { get; set; }
    public string? MessageRef { get; set; }
    public int ShownCount { get; set; }
    public long NextEditAt { get; set; }
}
