namespace Bot.Storage.LiteDb;

/// <summary>Settings section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>LiteDB connection string; a bare path works too. Default <c>Filename=data/bot.db</c>.</summary>
    public string LiteDb { get; set; } = "Filename=data/bot.db";

    /// <summary>Optional JSON file of devices and mappings loaded (idempotently) at start-up.</summary>
    public string? SeedFile { get; set; }
}
