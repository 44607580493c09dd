namespace Bot.Core.Commands;

/// <summary>What the <c>oncall</c> command does.</summary>
public enum OnCallAction
{
    Show,
    Add,
    Remove,
}
