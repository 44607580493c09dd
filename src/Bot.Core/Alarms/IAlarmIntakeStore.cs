namespace Bot.Core.Alarms;

/// <summary>
/// The intake's share of the alarm store: the sources' cursors and taking alarms in. The "never twice"
/// rule is the store's: the alarm id is a unique key.
/// </summary>
public interface IAlarmIntakeStore
{
    /// <summary>The cursor <paramref name="source"/> stored last (null: none yet). Opaque to the Core.</summary>
    Task<string?> CursorAsync(string source, CancellationToken cancellationToken = default);
    /// <summary>Every stored cursor by its source, for the admin.</summary>
    Task<IReadOnlyDictionary<string, string>> CursorsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: stores each alarm not yet known (by id) with one pending delivery per
    /// channel, and stores <paramref name="cursor"/> as <paramref name="source"/>'s cursor. All or nothing.
    /// The cursor is stored as given (the store cannot compare a source's cursors): one poller per source
    /// hands them in order.
    /// </summary>
    Task<IntakeResult> TakeAsync(string source, IReadOnlyList<NewAlarm> oldestFirst, string cursor, DateTimeOffset now, CancellationToken cancellationToken = default);
}
