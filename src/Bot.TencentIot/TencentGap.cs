// Spec: docs/protocols/tencent-iot.md §6 (never lost, never twice) and §4 (the list pages back from the newest).
namespace Bot.TencentIot;

/// <summary>
/// A stretch of the list not read yet: the messages after <see cref="Floor"/> (null: from the list's start)
/// and before <see cref="Ceiling"/>. The list can only be paged back from the newest, so a poll that stores
/// each page as it reads it stores newer messages before older ones; the gap is what keeps the older ones
/// from being skipped when the poll stops (a crash, a fault, the page guard) before it reaches them.
/// </summary>
public readonly record struct TencentGap(TencentPosition? Floor, TencentPosition Ceiling);
