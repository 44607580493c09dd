namespace Bot.Core.Storage;

/// <summary>Answers whether storage is reachable, for <c>/readyz</c>.</summary>
public interface IStorageProbe
{
    Task<string?> ProblemAsync(CancellationToken cancellationToken = default);
}
