using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>One alarm's escalation in one channel (id = alarm id | channel key); <see cref="DueAt"/> null once it is over.</summary>
public sealed class EscalationDocument
{
    [BsonId] public string Id { get; set; } = "";
    public string AlarmId { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public long StartedAt { get; set; }
    public int NextStep { get; set; }
    public int Steps { get; set; }
    public long? DueAt { get; set; }
    public string? EndedBecause { get; set; }
}
