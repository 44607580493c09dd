namespace Bot.Bench;

/// <summary>What made an alarm visible in the storm scenario: its own card, its device's storm card, or its channel's backlog summary.</summary>
public enum Seen
{
    Not,
    Own,
    Storm,
    Summary,
}
