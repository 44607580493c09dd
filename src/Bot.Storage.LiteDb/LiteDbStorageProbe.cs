using Bot.Core.Storage;

namespace Bot.Storage.LiteDb;

internal sealed class LiteDbStorageProbe(BotDatabase db) : IStorageProbe
{
    public Task<string?> ProblemAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            if (db.Fault is { } fault) return Task.FromResult<string?>(fault);
            _ = db.Database.GetCollectionNames().Count();
            return Task.FromResult<string?>(null);
        }
        catch (Exception e)
        {
            return Task.FromResult<string?>(e.Message);
        }
    }
}
