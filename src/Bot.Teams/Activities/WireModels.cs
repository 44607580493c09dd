// Spec: docs/protocols/teams-bot-framework.md, "Calls to the channel" and "Adaptive Cards in Teams".
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Teams.Activities;

/// <summary>Where to reach a conversation later: the Bot Framework ConversationReference shape.</summary>
public sealed record ConversationReference
{
    public string? ActivityId { get; init; }
    public ChannelAccount? User { get; init; }
    public ChannelAccount? Bot { get; init; }
    public required ConversationAccount Conversation { get; init; }
    public string ChannelId { get; init; } = "msteams";
    public required string ServiceUrl { get; init; }
    /// <summary>Teams channel id (for a new thread in a channel: <c>POST /v3/conversations</c>).</summary>
    [JsonPropertyName("teamsChannelId")]
    public string? TeamsChannelId { get; init; }
    [JsonPropertyName("teamsTeamId")]
    public string? TeamsTeamId { get; init; }
}

/// <summary><c>POST /v3/conversations</c> body.</summary>
public sealed record ConversationParameters
{
    public bool? IsGroup { get; init; }
    public ChannelAccount? Bot { get; init; }
    public string? TenantId { get; init; }
    public Activity? Activity { get; init; }
    public JsonElement? ChannelData { get; init; }
}

/// <summary>Answer of a posted activity (<c>{"id"}</c>) or of a created conversation (<c>{id, activityId}</c>).</summary>
public sealed record ResourceResponse
{
    public string? Id { get; init; }
    public string? ActivityId { get; init; }
    public string? ServiceUrl { get; init; }
}

/// <summary>The HTTP body that answers an <c>adaptiveCard/action</c> invoke.</summary>
public sealed record AdaptiveCardInvokeResponse(int StatusCode, string Type, JsonElement Value)
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";
}

/// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke.</summary>
public sealed class AdaptiveCardInvokeValue
{
    public InvokeAction? Action { get; set; }
    public string? Trigger { get; set; }
}

public sealed class InvokeAction
{
    public string? Type { get; set; }
    public string? Verb { get; set; }
    public JsonElement? Data { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(ConversationReference))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(AdaptiveCardInvokeResponse))]
[JsonSerializable(typeof(AdaptiveCardInvokeValue))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class TeamsJson : JsonSerializerContext;
