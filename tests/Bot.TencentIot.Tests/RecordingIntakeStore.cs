using Bot.Core.Alarms;

namespace Bot.TencentIot.Tests;

/// <summary>The intake's store in memory: records each take with its cursor.</summary>
internal sealed class RecordingIntakeStore : IAlarmIntakeStore
{
    public Dictionary<string, string> Cursors { get; } = [];
    public List<(string Source, IReadOnlyList<NewAlarm> Alarms, string Cursor)> Takes { get; } = [];
    /// <summary>The take (counted from 1) that fails before anything of it is stored, as a crash during its commit would.</summary>
    public int? FailingTake { get; set; }
    private int _attempts;

    public Task<string?> CursorAsync(string source, CancellationToken cancellationToken = default) =>
        Task.FromResult(Cursors.GetValueOrDefault(source));

    public Task<IReadOnlyDictionary<string, string>> CursorsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(Cursors);

    public Task<IntakeResult> TakeAsync(string source, IReadOnlyList<NewAlarm> oldestFirst, string cursor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (++_attempts == FailingTake) throw new IOException("the take was not committed");
        Takes.Add((source, oldestFirst, cursor));
        Cursors[source] = cursor;
        return Task.FromResult(new IntakeResult(oldestFirst.Count, 0));
    }
}
