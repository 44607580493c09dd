namespace Bot.TencentIot;

/// <summary>Tencent's message list (AppGetMessages), as the poller pages it. Throws on any fault; the poller retries.</summary>
public interface ITencentMessageList
{
    /// <summary>The newest messages of <paramref name="category"/>, or those older than <paramref name="before"/>.</summary>
    Task<TencentPage> ReadAsync(int category, TencentPosition? before, int limit, CancellationToken cancellationToken);
}
