namespace Bot.Storage.Postgres;

/// <summary>A row of <c>escalations</c>.</summary>
public sealed class EscalationRow
{
    public string Id { get; set; } = "";
    public string AlarmId { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public long StartedAt { get; set; }
    public int NextStep { get; set; }
    public int Steps { get; set; }
    public long? DueAt { get; set; }
    public string? EndedBecause { get; set; }
}
