using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>A row of <c>devices</c>, kept apart from the Core's record so the schema changes only on purpose.</summary>
public sealed class DeviceRow
{
    /// <summary>The columns in the order <see cref="Read"/> reads them.</summary>
    internal const string Columns = "id, isdp_device_id, chat_jid, alias, source_product_id, source_device_name, source_key";

    public string Id { get; set; } = "";
    public string IsdpDeviceId { get; set; } = "";
    public string ChatJid { get; set; } = "";
    public string? Alias { get; set; }
    public string? SourceProductId { get; set; }
    public string? SourceDeviceName { get; set; }
    public string? SourceKey { get; set; }

    internal static DeviceRow Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetString(0),
        IsdpDeviceId = r.GetString(1),
        ChatJid = r.GetString(2),
        Alias = r.GetStringOrNull(3),
        SourceProductId = r.GetStringOrNull(4),
        SourceDeviceName = r.GetStringOrNull(5),
        SourceKey = r.GetStringOrNull(6),
    };

    /// <summary>This row as <c>@Id, @IsdpDeviceId, …</c>.</summary>
    internal NpgsqlCommand Bind(NpgsqlCommand command) => command
        .With("Id", Id).With("IsdpDeviceId", IsdpDeviceId).With("ChatJid", ChatJid).With("Alias", Alias)
        .With("SourceProductId", SourceProductId).With("SourceDeviceName", SourceDeviceName).With("SourceKey", SourceKey);
}
