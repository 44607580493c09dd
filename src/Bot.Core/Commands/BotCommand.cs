namespace Bot.Core.Commands;

/// <summary>What a person asked for, whichever chat surface they typed it in.</summary>
public abstract record BotCommand
{
    private BotCommand() { }

    public sealed record Call(string? Device) : BotCommand;
    public sealed record Devices : BotCommand;
    public sealed record Map(string? Device) : BotCommand;
    public sealed record Unmap(string? Device) : BotCommand;
    /// <summary>The channel's open alarms (with <paramref name="All"/>: and those resolved in the last 24 hours), one page of them.</summary>
    public sealed record Alarms(bool All, int Page) : BotCommand;
    /// <summary>The channel's silenced devices.</summary>
    public sealed record Silences : BotCommand;
    /// <summary>End a device's silence early.</summary>
    public sealed record Unsilence(string? Device) : BotCommand;
    /// <summary><c>oncall</c> (who is on call here), <c>oncall add @person</c>, <c>oncall remove @person</c> (admins); <paramref name="Person"/> is the mention as written.</summary>
    public sealed record OnCall(OnCallAction Action, string? Person) : BotCommand;
    public sealed record Help : BotCommand;
    public sealed record Unknown(string Text) : BotCommand;
}
