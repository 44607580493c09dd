using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>A row of <c>callers</c>.</summary>
public sealed class CallerRow
{
    /// <summary>The columns in the order <see cref="Read"/> reads them.</summary>
    internal const string Columns = "user_key, user_id, user_name, user_no, tenant_id";

    public string UserKey { get; set; } = "";
    public long UserId { get; set; }
    public string UserName { get; set; } = "";
    public string UserNo { get; set; } = "";
    public int TenantId { get; set; }

    internal static CallerRow Read(NpgsqlDataReader r) => new()
    {
        UserKey = r.GetString(0),
        UserId = r.GetInt64(1),
        UserName = r.GetString(2),
        UserNo = r.GetString(3),
        TenantId = r.GetInt32(4),
    };

    /// <summary>This row as <c>@UserKey, @UserId, …</c>.</summary>
    internal NpgsqlCommand Bind(NpgsqlCommand command) => command
        .With("UserKey", UserKey).With("UserId", UserId).With("UserName", UserName).With("UserNo", UserNo).With("TenantId", TenantId);
}
