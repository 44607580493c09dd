namespace Bot.Storage.Postgres;

/// <summary>A row of <c>call_audit</c>.</summary>
public sealed class AuditRow
{
    public string CallId { get; set; } = "";
    public string DeviceId { get; set; } = "";
    public string ChannelKey { get; set; } = "";
    public string UserKey { get; set; } = "";
    public string UserName { get; set; } = "";
    public long At { get; set; }
    public string Event { get; set; } = "";
    public string? Detail { get; set; }
}
