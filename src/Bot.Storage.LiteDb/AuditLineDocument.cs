namespace Bot.Storage.LiteDb;

/// <summary>One audit line inside an <see cref="AuditDocument"/> that holds lines written together.</summary>
public sealed class AuditLineDocument
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
