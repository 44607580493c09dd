using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>A row of <c>channels</c>.</summary>
public sealed class ChannelRow
{
    /// <summary>The columns in the order <see cref="Read"/> reads them.</summary>
    internal const string Columns = "key, platform, external_id, name, tenant_id, reference, updated_at";

    public string Key { get; set; } = "";
    public string Platform { get; set; } = "";
    public string ExternalId { get; set; } = "";
    public string? Name { get; set; }
    public string? TenantId { get; set; }
    public string? Reference { get; set; }
    public long? UpdatedAt { get; set; }

    internal static ChannelRow Read(NpgsqlDataReader r) => new()
    {
        Key = r.GetString(0),
        Platform = r.GetString(1),
        ExternalId = r.GetString(2),
        Name = r.GetStringOrNull(3),
        TenantId = r.GetStringOrNull(4),
        Reference = r.GetStringOrNull(5),
        UpdatedAt = r.GetInt64OrNull(6),
    };

    /// <summary>This row as <c>@Key, @Platform, …</c>.</summary>
    internal NpgsqlCommand Bind(NpgsqlCommand command) => command
        .With("Key", Key).With("Platform", Platform).With("ExternalId", ExternalId).With("Name", Name)
        .With("TenantId", TenantId).With("Reference", Reference).With("UpdatedAt", UpdatedAt);
}
