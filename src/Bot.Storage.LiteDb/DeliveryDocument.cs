using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>Id is <c>alarmId|channelKey</c>: one card per alarm and channel.</summary>
public sealed class DeliveryDocument
{
    [BsonId] public string Id { get; set; } = "";
    public string AlarmId { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public long Seq { get; set; }
    public string State { get; set; } = "";
    /// <summary>Pending, or posted and waiting for an edit: what the dispatcher looks at (indexed).</summary>
    public bool Due { get; set; }
    public int Attempts { get; set; }
    public int UnknownOutcomes { get; set; }
    public long NextAttemptAt { get; set; }
    public string? MessageRef { get; set; }
    public string? LastError { get; set; }
    public long? PostedAt { get; set; }
    public bool NeedsRefresh { get; set; }
    /// <summary>The alarm version the pending edit must show: a card showing it (or later) needs no edit.</summary>
    public long RefreshVersion { get; set; }
    /// <summary>The alarm version the card's thread has lines up to; below <see cref="RefreshVersion"/> (or the last change), lines are due.</summary>
    public long LoggedVersion { get; set; }
    /// <summary>The alarm version whose change the thread still needs a line for (0: none).</summary>
    public long LogVersion { get; set; }
}
