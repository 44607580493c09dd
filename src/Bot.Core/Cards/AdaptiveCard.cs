using System.Text.Json.Serialization;

namespace Bot.Core.Cards;

// Adaptive Cards schema 1.5 (adaptivecards.io), only the parts the bot's cards use.
// Property names camelCase, nulls omitted, "type" discriminates; see adaptive-cards.md.

public sealed record AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    [JsonPropertyName("type")]
    [JsonPropertyOrder(-3)]
    public string Type => "AdaptiveCard";

    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-2)]
    public string Schema => "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyOrder(-1)]
    public string Version => "1.5";

    public required IReadOnlyList<CardElement> Body { get; init; }
    public IReadOnlyList<CardAction>? Actions { get; init; }

    /// <summary>Plain text for notifications, screen readers and clients that cannot render the card.</summary>
    public string? FallbackText { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
public abstract record CardElement
{
    public string? Id { get; init; }
    public bool? Separator { get; init; }
    public string? Spacing { get; init; }
}

/// <summary>
/// <paramref name="Text"/> is markdown as card renderers read it: build TextBlocks from plain text with <see cref="CardParts"/>,
/// which escapes it (<see cref="CardMarkdown"/>).
/// </summary>
public sealed record TextBlock(string Text) : CardElement
{
    public string? Size { get; init; }
    public string? Weight { get; init; }
    public string? Color { get; init; }
    public bool? IsSubtle { get; init; }
    public bool? Wrap { get; init; } = true;

    /// <summary>A title: large and bold. Surfaces that translate cards into their own blocks render it as a heading.</summary>
    [JsonIgnore]
    public bool IsHeading => Size is TextSizes.Large or TextSizes.ExtraLarge || Weight == TextWeights.Bolder && Size is TextSizes.Medium;
}

/// <summary>Title and value are markdown, like a <see cref="TextBlock"/>'s text: build with <see cref="CardParts.Fact"/>.</summary>
public sealed record Fact(string Title, string Value)
{
    /// <summary>
    /// The people <see cref="Value"/> names (their names, in order): a surface that can mention people writes its own
    /// mentions instead, so the platform links and notifies them. Not part of the Adaptive Card itself.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<MentionedPerson>? People { get; init; }
}

public sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement;

/// <summary>A group of elements; <see cref="Style"/> carries severity (attention, warning, good, emphasis).</summary>
public sealed record Container(IReadOnlyList<CardElement> Items) : CardElement
{
    public string? Style { get; init; }
    public bool? Bleed { get; init; }
}

public sealed record ColumnSet(IReadOnlyList<Column> Columns) : CardElement;

public sealed record Column(IReadOnlyList<CardElement> Items)
{
    public string Type => "Column";
    public string? Width { get; init; }
}

public sealed record ActionSet(IReadOnlyList<CardAction> Actions) : CardElement;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
public abstract record CardAction(string Title)
{
    public string? Id { get; init; }
    /// <summary><c>positive</c> or <c>destructive</c>.</summary>
    public string? Style { get; init; }
}

/// <summary>Universal Action: a card host sends it back as an <c>adaptiveCard/action</c> invoke; other surfaces read verb + data alike.</summary>
public sealed record ExecuteAction(string Title, string Verb, ActionData Data) : CardAction(Title);

/// <summary>
/// A button that opens a small card of choices beneath it, each an <see cref="ExecuteAction"/> of one verb (e.g. how long to
/// silence a device). Surfaces without it show the choices as a picker (a select menu).
/// </summary>
public sealed record ShowCardAction(string Title, AdaptiveCard Card) : CardAction(Title)
{
    /// <summary>The choices: the card's Execute actions.</summary>
    [JsonIgnore]
    public IReadOnlyList<ExecuteAction> Choices => Card.Actions?.OfType<ExecuteAction>().ToList() ?? [];
}

/// <summary>What a button carries back: the verb and the id of the thing it acts on (call, alarm, device).</summary>
public sealed record ActionData(string Verb, string Id);

public static class TextSizes
{
    public const string Small = "small";
    public const string Medium = "medium";
    public const string Large = "large";
    public const string ExtraLarge = "extraLarge";
}

public static class TextWeights
{
    public const string Bolder = "bolder";
}

public static class TextColors
{
    public const string Good = "good";
    public const string Warning = "warning";
    public const string Attention = "attention";
}

public static class ContainerStyles
{
    public const string Emphasis = "emphasis";
    public const string Good = "good";
    public const string Attention = "attention";
    public const string Warning = "warning";
    public const string Accent = "accent";
}

public static class ActionStyles
{
    public const string Positive = "positive";
    public const string Destructive = "destructive";
}
