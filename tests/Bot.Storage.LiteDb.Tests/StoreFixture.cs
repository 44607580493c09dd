using Bot.Storage.LiteDb;
using Microsoft.Extensions.Options;

namespace Bot.Storage.LiteDb.Tests;

/// <summary>A LiteDB file in a fresh temporary folder; <see cref="Reopen"/> simulates a restart.</summary>
public sealed class StoreFixture : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bot-store-").FullName;

    public StoreFixture() => Database = Open();

    public BotDatabase Database { get; private set; }

    public BotDatabase Reopen()
    {
        Database.Dispose();
        return Database = Open();
    }

    private BotDatabase Open() => new(Options.Create(new StorageOptions { LiteDb = $"Filename={Path.Combine(_folder, "bot.db")}" }));

    public void Dispose()
    {
        Database.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
