namespace Bot.Core.Cards;

/// <summary>Small builders the bot's cards share, so every card looks alike on every surface.</summary>
public static class CardParts
{
    public static TextBlock Title(string text, string? color = null) =>
        new(text) { Size = TextSizes.Large, Weight = TextWeights.Bolder, Color = color };

    public static TextBlock Paragraph(string text) => new(text);

    public static TextBlock Subtle(string text) => new(text) { IsSubtle = true, Size = TextSizes.Small };

    public static Container Banner(string style, params CardElement[] items) => new(items) { Style = style, Bleed = true };

    public static ExecuteAction Button(string title, string verb, string id, string? style = null) =>
        new(title, verb, new ActionData(verb, id)) { Style = style };

    /// <summary>A card that only says something: errors, confirmations of admin commands.</summary>
    public static BotReply Message(string text, string? title = null)
    {
        var body = new List<CardElement>();
        if (title is not null) body.Add(Title(title));
        body.Add(Paragraph(text));
        return new BotReply(new AdaptiveCard { Body = body, FallbackText = text }, title is null ? text : $"{title}\n{text}");
    }
}
