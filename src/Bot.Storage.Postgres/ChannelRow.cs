namespace Bot.Storage.Postgres;

/// <summary>A row of <c>channels</c>.</summary>
public sealed class ChannelRow
{
    public string Key { get; set; } = "";
    public string Platform { get; set; } = "";
    public string ExternalId { get; set; } = "";
    public string? Name { get; set; }
    public string? TenantId { get; set; }
    public string? Reference { get; set; }
    public long? UpdatedAt { get; set; }
}
