using System.Text.Json.Nodes;
using Bot.Core.Cards;
using Bot.Core.Text;

namespace Bot.Slack.Tests;

/// <summary>
/// The Block Kit translation as it was built before it was written straight to JSON: a tree of JSON objects. Kept
/// unchanged as the reference the direct writer (<see cref="BlockKit"/>) must match byte for byte.
/// </summary>
internal static class BlockKitTree
{
    public const int MaxBlocks = 50;
    public const int MaxHeader = 150;
    public const int MaxSectionText = 3000;
    public const int MaxFields = 10;
    public const int MaxField = 2000;
    public const int MaxElements = 25;
    public const int MaxButtonText = 75;
    public const int MaxValue = 2000;
    public const int MaxActionId = 255;
    public const int MaxContextElements = 10;
    public const int MaxOptions = 100;
    public const int MaxOptionValue = 150;
    public const int MaxPlaceholder = 150;
    /// <summary>The top-level <c>text</c> may be longer, but as a notification more than this is noise.</summary>
    public const int MaxFallbackText = 3000;
    private const char ActionIdSeparator = '#';

    public static SlackMessage Translate(BotReply reply, Texts t)
    {
        var blocks = new List<JsonObject>();
        var actionCount = 0;
        foreach (var element in reply.Card.Body) AddElement(blocks, element, t, ref actionCount, emoji: null);
        if (reply.Card.Actions is { Count: > 0 } actions) AddActions(blocks, actions, t, ref actionCount);

        if (blocks.Count > MaxBlocks)
        {
            var left = blocks.Count - (MaxBlocks - 1);
            blocks = blocks.Take(MaxBlocks - 1).ToList();
            blocks.Add(Context(t.Format(TextId.MoreNotShown, left)));
        }
        var text = string.IsNullOrWhiteSpace(reply.Text) ? reply.Card.FallbackText ?? "" : reply.Text;
        return new SlackMessage(Cut(Escape(text), MaxFallbackText), new JsonArray([.. blocks]));
    }

    /// <summary>The verb a button's <c>action_id</c> carries (<c>call.confirm#2</c> → <c>call.confirm</c>).</summary>
    public static string VerbOf(string actionId)
    {
        var cut = actionId.IndexOf(ActionIdSeparator);
        return cut < 0 ? actionId : actionId[..cut];
    }

    /// <summary>mrkdwn escaping of <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>: user text never becomes a link or mention.</summary>
    public static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Cuts to at most <paramref name="max"/> UTF-16 units with a visible ellipsis, without splitting a surrogate pair or an escape.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max) return text;
        var end = max - 1;
        if (end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        // Do not leave half of "&amp;" behind.
        var amp = text.LastIndexOf('&', end - 1, Math.Min(end, 5));
        if (amp >= 0 && text.IndexOf(';', amp) is var semi && (semi < 0 || semi >= end)) end = amp;
        return text[..end] + "…";
    }

    private static void AddElement(List<JsonObject> blocks, CardElement element, Texts t, ref int actionCount, string? emoji)
    {
        if (element.Separator == true && blocks.Count > 0) blocks.Add(new JsonObject { ["type"] = "divider" });
        switch (element)
        {
            case TextBlock { IsHeading: true } heading:
                blocks.Add(new JsonObject
                {
                    ["type"] = "header",
                    ["text"] = PlainText(Cut(Prefix(emoji, AsTyped(heading.Text)), MaxHeader)),
                });
                break;
            case TextBlock { IsSubtle: true } subtle:
                blocks.Add(Context(AsTyped(subtle.Text)));
                break;
            case TextBlock text:
                blocks.Add(Section(Prefix(emoji ?? ColorEmoji(text.Color), Styled(text))));
                break;
            case FactSet facts:
                AddFacts(blocks, facts);
                break;
            case Container container:
                // Slack has no coloured containers: the severity shows as an emoji on the container's first line.
                var mark = ContainerEmoji(container.Style);
                foreach (var item in container.Items)
                {
                    AddElement(blocks, item, t, ref actionCount, mark);
                    mark = null;
                }
                break;
            case ColumnSet columns:
                AddColumns(blocks, columns, t, ref actionCount);
                break;
            case ActionSet set:
                AddActions(blocks, set.Actions, t, ref actionCount);
                break;
        }
    }

    /// <summary>
    /// Columns read left to right as lines of one section; a single button becomes the section's accessory
    /// (Slack's idiom for "item with an action", as in the device list).
    /// </summary>
    private static void AddColumns(List<JsonObject> blocks, ColumnSet set, Texts t, ref int actionCount)
    {
        var lines = new List<string>();
        var actions = new List<CardAction>();
        foreach (var item in set.Columns.SelectMany(c => c.Items).SelectMany(Flatten))
        {
            switch (item)
            {
                case TextBlock text:
                    lines.Add(text.IsSubtle == true ? "_" + Escape(AsTyped(text.Text)) + "_" : Styled(text));
                    break;
                case FactSet facts:
                    lines.AddRange(facts.Facts.Select(f => $"*{Escape(AsTyped(f.Title))}*: {FactValue(f)}"));
                    break;
                case ActionSet set2:
                    actions.AddRange(set2.Actions);
                    break;
            }
        }
        var section = Section(string.Join("\n", lines));
        if (actions.Count == 1 && lines.Count > 0)
        {
            section["accessory"] = Button(actions[0], t, actionCount++);
            blocks.Add(section);
            return;
        }
        if (lines.Count > 0) blocks.Add(section);
        if (actions.Count > 0) AddActions(blocks, actions, t, ref actionCount);
    }

    private static IEnumerable<CardElement> Flatten(CardElement element) => element switch
    {
        Container c => c.Items.SelectMany(Flatten),
        ColumnSet s => s.Columns.SelectMany(c => c.Items).SelectMany(Flatten),
        _ => [element],
    };

    /// <summary>A fact's value as mrkdwn; people it names (on-call people) become Slack mentions <c>&lt;@U…&gt;</c>, so Slack links them.</summary>
    private static string FactValue(Fact fact) =>
        fact.People is { Count: > 0 } people && people.All(p => IsUserId(p.Id))
            ? string.Join(", ", people.Select(p => $"<@{p.Id}>"))
            : Escape(AsTyped(fact.Value));

    // U… or W… (Enterprise Grid): anything else (a name typed into the admin API) is shown as its name.
    private static bool IsUserId(string id) =>
        id.Length is >= 3 and <= 21 && id[0] is 'U' or 'W' && id.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));

    private static void AddFacts(List<JsonObject> blocks, FactSet set)
    {
        foreach (var chunk in set.Facts.Chunk(MaxFields))
        {
            var fields = new JsonArray();
            foreach (var fact in chunk)
                fields.Add(Mrkdwn(Cut($"*{Escape(AsTyped(fact.Title))}*\n{FactValue(fact)}", MaxField)));
            blocks.Add(new JsonObject { ["type"] = "section", ["fields"] = fields });
        }
    }

    private static void AddActions(List<JsonObject> blocks, IReadOnlyList<CardAction> actions, Texts t, ref int actionCount)
    {
        var elements = new JsonArray();
        var shown = actions.Count > MaxElements ? MaxElements : actions.Count;
        for (var i = 0; i < shown; i++, actionCount++)
            elements.Add(actions[i] is ShowCardAction choices && Select(choices, actionCount) is { } select ? select : Button(actions[i], t, actionCount));
        blocks.Add(new JsonObject { ["type"] = "actions", ["elements"] = elements });
        if (actions.Count > shown) blocks.Add(Context(t.Format(TextId.MoreNotShown, actions.Count - shown)));
    }

    private static JsonObject Button(CardAction action, Texts t, int index)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = PlainText(Cut(action.Title, MaxButtonText)),
        };
        if (action is ExecuteAction execute) SetCallback(button, execute.Verb, execute.Data.Id, index);
        if (action.Style == ActionStyles.Positive) button["style"] = "primary";
        if (action.Style == ActionStyles.Destructive)
        {
            button["style"] = "danger";
            button["confirm"] = new JsonObject
            {
                ["title"] = PlainText(Cut(t[TextId.DestructiveConfirmTitle], 100)),
                ["text"] = PlainText(Cut(t.Format(TextId.DestructiveConfirmText, action.Title), 300)),
                ["confirm"] = PlainText(Cut(action.Title, 30)),
                ["deny"] = PlainText(Cut(t[TextId.ActionCancel], 30)),
                ["style"] = "danger",
            };
        }
        return button;
    }

    /// <summary>
    /// A card of choices (<see cref="ShowCardAction"/>) as Slack's idiom: a <c>static_select</c> whose options carry the
    /// choices' ids under their common verb. Null when the choices do not share one verb (then it shows as a button).
    /// </summary>
    private static JsonObject? Select(ShowCardAction action, int index)
    {
        var choices = action.Choices.Where(c => c.Data.Id.Length <= MaxOptionValue).Take(MaxOptions).ToList();
        if (choices.Count == 0 || choices.Any(c => c.Verb != choices[0].Verb)) return null;
        var options = new JsonArray();
        foreach (var choice in choices)
            options.Add(new JsonObject { ["text"] = PlainText(Cut(choice.Title, MaxButtonText)), ["value"] = choice.Data.Id });
        var select = new JsonObject { ["type"] = "static_select", ["placeholder"] = PlainText(Cut(action.Title, MaxPlaceholder)), ["options"] = options };
        SetCallback(select, choices[0].Verb, choices[0].Data.Id, index);
        select.Remove("value");
        return select;
    }

    // action_id is unique in a message (Slack requires it): the verb plus the button's position.
    private static void SetCallback(JsonObject button, string verb, string id, int index)
    {
        button["action_id"] = Cut(verb, MaxActionId - 8) + ActionIdSeparator + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // An id that does not fit is not cut (a cut id would act on something else): the button is unusable.
        if (id.Length <= MaxValue) button["value"] = id;
    }

    private static string Styled(TextBlock text)
    {
        var escaped = Escape(AsTyped(text.Text));
        return text.Weight == TextWeights.Bolder && escaped.Length > 0 && !escaped.Contains('\n', StringComparison.Ordinal) ? $"*{escaped}*" : escaped;
    }

    /// <summary>
    /// A card's text is markdown with the Core's escapes (<see cref="CardMarkdown"/>); Slack reads mrkdwn, where those
    /// escapes would show as backslashes: undo them, then apply Slack's own escaping, so text shows as typed.
    /// </summary>
    private static string AsTyped(string cardMarkdown) => CardMarkdown.Unescape(cardMarkdown);

    private static string Prefix(string? emoji, string text) => emoji is null ? text : $"{emoji} {text}";

    private static string? ColorEmoji(string? color) => color switch
    {
        TextColors.Attention => ":red_circle:",
        TextColors.Warning => ":warning:",
        _ => null,
    };

    private static string? ContainerEmoji(string? style) => style switch
    {
        ContainerStyles.Attention => ":red_circle:",
        ContainerStyles.Warning => ":warning:",
        ContainerStyles.Good => ":white_check_mark:",
        _ => null,
    };

    private static JsonObject Section(string mrkdwn) =>
        new() { ["type"] = "section", ["text"] = Mrkdwn(Cut(mrkdwn.Length == 0 ? " " : mrkdwn, MaxSectionText)) };

    private static JsonObject Context(string text) =>
        new() { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(Cut(Escape(text), MaxSectionText))) };

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    // plain_text is not mrkdwn: no escaping needed (Slack shows it literally).
    private static JsonObject PlainText(string text) =>
        new() { ["type"] = "plain_text", ["text"] = text.Length == 0 ? " " : text, ["emoji"] = true };
}
