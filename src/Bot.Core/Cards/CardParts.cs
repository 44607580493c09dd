namespace Bot.Core.Cards;

/// <summary>
/// Small builders the bot's cards share, so every card looks alike on every surface. They take plain text and
/// escape it (<see cref="CardMarkdown"/>): names, alarm titles and typed words show as typed, never as links
/// or emphasis. Only <see cref="Markdown"/> passes the bot's own formatted words through.
/// </summary>
public static class CardParts
{
    public static TextBlock Title(string text, string? color = null) =>
        new(CardMarkdown.Escape(text)) { Size = TextSizes.Large, Weight = TextWeights.Bolder, Color = color };

    public static TextBlock Paragraph(string text) => new(CardMarkdown.Escape(text));

    public static TextBlock Subtle(string text) => new(CardMarkdown.Escape(text)) { IsSubtle = true, Size = TextSizes.Small };

    /// <summary>The bot's own words that carry markdown on purpose (from the text catalog, nothing typed by anyone).</summary>
    public static TextBlock Markdown(string trusted) => new(trusted);

    /// <summary>A fact whose title and value show as typed.</summary>
    public static Fact Fact(string title, string value) => new(CardMarkdown.Escape(title), CardMarkdown.Escape(value));

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
