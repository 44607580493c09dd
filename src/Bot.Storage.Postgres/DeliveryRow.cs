namespace Bot.Storage.Postgres;

/// <summary>A row of <c>deliveries</c>.</summary>
public sealed class DeliveryRow
{
    public string AlarmId { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public long Seq { get; set; }
    public string State { get; set; } = "";
    public int Attempts { get; set; }
    public int UnknownOutcomes { get; set; }
    public long NextAttemptAt { get; set; }
    public string? MessageRef { get; set; }
    public string? LastError { get; set; }
    public long? PostedAt { get; set; }
    public bool NeedsRefresh { get; set; }
    public long LoggedVersion { get; set; }
}
