namespace Bot.WebChat;

/// <summary>One entry of a room's transcript: what a person typed, or a card the bot posted.</summary>
public sealed record WebMessage
{
    public const string FromPerson = "person";
    public const string FromBot = "bot";

    public required string Id { get; init; }
    public required string Kind { get; init; }
    /// <summary>The person's name for typed text; null for the bot.</summary>
    public string? Author { get; init; }
    /// <summary>Typed text, or the plain text of the bot's card.</summary>
    public string? Text { get; init; }
    /// <summary>The card exactly as <see cref="Bot.Core.Cards.CardJson.Serialize"/> wrote it.</summary>
    public string? CardJson { get; init; }
    public WebSideNote? Note { get; init; }
    /// <summary>The card this line belongs under (an alarm's log); null for a message of its own.</summary>
    public string? ThreadOf { get; init; }
    public required DateTimeOffset At { get; init; }
}
