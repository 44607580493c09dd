namespace Bot.Storage.Postgres;

/// <summary>A row of <c>callers</c>.</summary>
public sealed class CallerRow
{
    public string UserKey { get; set; } = "";
    public long UserId { get; set; }
    public string UserName { get; set; } = "";
    public string UserNo { get; set; } = "";
    public int TenantId { get; set; }
}
