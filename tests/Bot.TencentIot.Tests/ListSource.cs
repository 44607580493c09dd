using Bot.TencentIot;

namespace Bot.TencentIot.Tests;

/// <summary>A message list that pages like Tencent's: newest first, strictly older than the given position.</summary>
internal sealed class ListSource : ITencentMessageList
{
    public List<TencentMessage> Messages { get; } = [];
    public List<(int Category, TencentPosition? Before, int Limit)> Reads { get; } = [];
    /// <summary>When set, every page ignores <c>before</c> (a server that does not page).</summary>
    public bool IgnoresPaging { get; set; }
    /// <summary>The read (counted from 1) that fails, as a crash or a lost connection would stop a poll there.</summary>
    public int? FailingRead { get; set; }
    /// <summary>Called with each read's number before it is answered.</summary>
    public Action<int>? OnRead { get; set; }

    public Task<TencentPage> ReadAsync(int category, TencentPosition? before, int limit, CancellationToken cancellationToken)
    {
        Reads.Add((category, before, limit));
        OnRead?.Invoke(Reads.Count);
        if (Reads.Count == FailingRead) throw new IOException("the poll stopped here");
        var older = Messages.Where(m => m.Category == category).OrderByDescending(m => m.Position)
            .Where(m => IgnoresPaging || before is null || m.Position < before.Value).ToList();
        return Task.FromResult(new TencentPage(older.Take(limit).ToList(), IgnoresPaging ? false : older.Count <= limit));
    }

    public static TencentMessage Message(long id, int category = 1, long? timestamp = null, string productId = "", string deviceName = "", string familyId = "") => new()
    {
        MsgId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Category = category,
        Timestamp = timestamp ?? 1_700_000_000_000 + id,
        Title = $"m{id}",
        ProductId = productId,
        DeviceName = deviceName,
        FamilyId = familyId,
    };
}
