// Spec: docs/protocols/slack.md "Block Kit" and adaptive-cards.md: Slack gets a translation of every card.
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Cards;
using Bot.Core.Text;

namespace Bot.Slack;

/// <summary>
/// Translates the bot's Adaptive Cards into Block Kit within Slack's limits: headings become
/// <c>header</c>, facts become section fields, buttons keep verb (in <c>action_id</c>) and id (in <c>value</c>).
/// What does not fit is cut visibly (an ellipsis, or a note saying how much was left out), never silently.
/// </summary>
public static class BlockKit
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

    private static readonly JsonWriterOptions Wire = new() { Encoder = SlackJson.Wire.Encoder };

    /// <summary>The message as a tree, for callers that add members to it (channel, ts, …) before sending.</summary>
    public static SlackMessage Translate(BotReply reply, Texts t)
    {
        // One translation, the writer's: the tree is read back from its bytes.
        using var buffer = new PooledJsonBuffer();
        using (var writer = new Utf8JsonWriter(buffer, Wire)) WriteBlocks(writer, reply, t);
        return new SlackMessage(FallbackText(reply), JsonNode.Parse(buffer.Written.Span)!.AsArray());
    }

    /// <summary>
    /// Writes the message straight to <paramref name="writer"/>, one extra string member first: the same JSON as
    /// <see cref="Translate"/>'s <see cref="SlackMessage.ToJson"/> with that member, without building the tree.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, BotReply reply, Texts t, string extraName, string extraValue)
    {
        writer.WriteStartObject();
        writer.WriteString(extraName, extraValue);
        writer.WriteString("text"u8, FallbackText(reply));
        writer.WritePropertyName("blocks"u8);
        WriteBlocks(writer, reply, t);
        writer.WriteEndObject();
    }

    /// <summary>The verb a button's <c>action_id</c> carries (<c>call.confirm#2</c> → <c>call.confirm</c>).</summary>
    public static string VerbOf(string actionId)
    {
        var cut = actionId.IndexOf(ActionIdSeparator);
        return cut < 0 ? actionId : actionId[..cut];
    }

    /// <summary>mrkdwn escaping of <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>: user text never becomes a link or mention.</summary>
    public static string Escape(string text) =>
        text.AsSpan().IndexOfAny('&', '<', '>') < 0
            ? text
            : text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

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

    private static string FallbackText(BotReply reply) =>
        Cut(Escape(string.IsNullOrWhiteSpace(reply.Text) ? reply.Card.FallbackText ?? "" : reply.Text), MaxFallbackText);

    private static void WriteBlocks(Utf8JsonWriter writer, BotReply reply, Texts t)
    {
        using var blocks = new BlockSink(writer);
        var actionCount = 0;
        foreach (var element in reply.Card.Body) AddElement(blocks, element, t, ref actionCount, emoji: null);
        if (reply.Card.Actions is { Count: > 0 } actions) AddActions(blocks, actions, t, ref actionCount);
        if (blocks.Count > MaxBlocks)
        {
            var left = blocks.Count - (MaxBlocks - 1);
            blocks.Finish(w => Context(w, t.Format(TextId.MoreNotShown, left)));
        }
        else blocks.Finish(null);
    }

    private static void AddElement(BlockSink blocks, CardElement element, Texts t, ref int actionCount, string? emoji)
    {
        if (element.Separator == true && blocks.Count > 0) Divider(blocks.Next());
        switch (element)
        {
            case TextBlock { IsHeading: true } heading:
                var w = blocks.Next();
                w.WriteStartObject();
                w.WriteString("type"u8, "header"u8);
                w.WritePropertyName("text"u8);
                PlainText(w, Cut(Prefix(emoji, AsTyped(heading.Text)), MaxHeader));
                w.WriteEndObject();
                break;
            case TextBlock { IsSubtle: true } subtle:
                Context(blocks.Next(), AsTyped(subtle.Text));
                break;
            case TextBlock text:
                Section(blocks.Next(), Prefix(emoji ?? ColorEmoji(text.Color), Styled(text)), accessory: null, t, 0);
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
    private static void AddColumns(BlockSink blocks, ColumnSet set, Texts t, ref int actionCount)
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
        if (actions.Count == 1 && lines.Count > 0)
        {
            Section(blocks.Next(), string.Join("\n", lines), accessory: actions[0], t, actionCount++);
            return;
        }
        if (lines.Count > 0) Section(blocks.Next(), string.Join("\n", lines), accessory: null, t, 0);
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

    private static void AddFacts(BlockSink blocks, FactSet set)
    {
        var facts = set.Facts;
        for (var from = 0; from < facts.Count; from += MaxFields)
        {
            var w = blocks.Next();
            w.WriteStartObject();
            w.WriteString("type"u8, "section"u8);
            w.WriteStartArray("fields"u8);
            for (var i = from; i < facts.Count && i < from + MaxFields; i++)
                Mrkdwn(w, Cut($"*{Escape(AsTyped(facts[i].Title))}*\n{FactValue(facts[i])}", MaxField));
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    private static void AddActions(BlockSink blocks, IReadOnlyList<CardAction> actions, Texts t, ref int actionCount)
    {
        var shown = actions.Count > MaxElements ? MaxElements : actions.Count;
        var w = blocks.Next();
        w.WriteStartObject();
        w.WriteString("type"u8, "actions"u8);
        w.WriteStartArray("elements"u8);
        for (var i = 0; i < shown; i++, actionCount++)
        {
            if (actions[i] is ShowCardAction choices && SelectChoices(choices) is { } options) Select(w, choices, options, actionCount);
            else Button(w, actions[i], t, actionCount);
        }
        w.WriteEndArray();
        w.WriteEndObject();
        if (actions.Count > shown) Context(blocks.Next(), t.Format(TextId.MoreNotShown, actions.Count - shown));
    }

    private static void Button(Utf8JsonWriter w, CardAction action, Texts t, int index)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "button"u8);
        w.WritePropertyName("text"u8);
        PlainText(w, Cut(action.Title, MaxButtonText));
        if (action is ExecuteAction execute) Callback(w, execute.Verb, execute.Data.Id, index, withValue: true);
        if (action.Style == ActionStyles.Positive) w.WriteString("style"u8, "primary"u8);
        if (action.Style == ActionStyles.Destructive)
        {
            w.WriteString("style"u8, "danger"u8);
            w.WriteStartObject("confirm"u8);
            w.WritePropertyName("title"u8);
            PlainText(w, Cut(t[TextId.DestructiveConfirmTitle], 100));
            w.WritePropertyName("text"u8);
            PlainText(w, Cut(t.Format(TextId.DestructiveConfirmText, action.Title), 300));
            w.WritePropertyName("confirm"u8);
            PlainText(w, Cut(action.Title, 30));
            w.WritePropertyName("deny"u8);
            PlainText(w, Cut(t[TextId.ActionCancel], 30));
            w.WriteString("style"u8, "danger"u8);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>
    /// A card of choices (<see cref="ShowCardAction"/>) shows as Slack's idiom, a <c>static_select</c> whose options carry
    /// the choices' ids under their common verb, when the choices share one verb; null otherwise (then it shows as a button).
    /// </summary>
    private static List<ExecuteAction>? SelectChoices(ShowCardAction action)
    {
        var choices = action.Choices.Where(c => c.Data.Id.Length <= MaxOptionValue).Take(MaxOptions).ToList();
        return choices.Count == 0 || choices.Any(c => c.Verb != choices[0].Verb) ? null : choices;
    }

    private static void Select(Utf8JsonWriter w, ShowCardAction action, List<ExecuteAction> choices, int index)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "static_select"u8);
        w.WritePropertyName("placeholder"u8);
        PlainText(w, Cut(action.Title, MaxPlaceholder));
        w.WriteStartArray("options"u8);
        foreach (var choice in choices)
        {
            w.WriteStartObject();
            w.WritePropertyName("text"u8);
            PlainText(w, Cut(choice.Title, MaxButtonText));
            w.WriteString("value"u8, choice.Data.Id);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        // A select's value is the chosen option's: the callback names only the verb.
        Callback(w, choices[0].Verb, choices[0].Data.Id, index, withValue: false);
        w.WriteEndObject();
    }

    // action_id is unique in a message (Slack requires it): the verb plus the button's position.
    private static void Callback(Utf8JsonWriter w, string verb, string id, int index, bool withValue)
    {
        w.WriteString("action_id"u8, Cut(verb, MaxActionId - 8) + ActionIdSeparator + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // An id that does not fit is not cut (a cut id would act on something else): the button is unusable.
        if (withValue && id.Length <= MaxValue) w.WriteString("value"u8, id);
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

    private static void Divider(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "divider"u8);
        w.WriteEndObject();
    }

    private static void Section(Utf8JsonWriter w, string mrkdwn, CardAction? accessory, Texts t, int index)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "section"u8);
        w.WritePropertyName("text"u8);
        Mrkdwn(w, Cut(mrkdwn.Length == 0 ? " " : mrkdwn, MaxSectionText));
        if (accessory is not null)
        {
            w.WritePropertyName("accessory"u8);
            Button(w, accessory, t, index);
        }
        w.WriteEndObject();
    }

    private static void Context(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "context"u8);
        w.WriteStartArray("elements"u8);
        Mrkdwn(w, Cut(Escape(text), MaxSectionText));
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Mrkdwn(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "mrkdwn"u8);
        w.WriteString("text"u8, text);
        w.WriteEndObject();
    }

    // plain_text is not mrkdwn: no escaping needed (Slack shows it literally).
    private static void PlainText(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "plain_text"u8);
        w.WriteString("text"u8, text.Length == 0 ? " " : text);
        w.WriteBoolean("emoji"u8, true);
        w.WriteEndObject();
    }
}
