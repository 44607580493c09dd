namespace Bot.Storage.Postgres;

/// <summary>A row of <c>devices</c>, kept apart from the Core's record so the schema changes only on purpose.</summary>
public sealed class DeviceRow
{
    public string Id { get; set; } = "";
    public string IsdpDeviceId { get; set; } = "";
    public string ChatJid { get; set; } = "";
    public string? Alias { get; set; }
    public string? SourceProductId { get; set; }
    public string? SourceDeviceName { get; set; }
    public string? SourceKey { get; set; }
}
