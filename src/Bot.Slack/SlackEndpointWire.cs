using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bot.Slack;

// What the bot's Slack endpoints answer in JSON besides a message (docs/protocols/slack.md), source-generated.

/// <summary><c>{"error": "…"}</c> with a 400: a verified request the bot cannot read.</summary>
public sealed record SlackRefusal(string Error);

/// <summary><c>{"challenge": "…"}</c>: the answer to Slack's URL verification.</summary>
public sealed record SlackChallenge(string Challenge);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SlackRefusal))]
[JsonSerializable(typeof(SlackChallenge))]
public sealed partial class SlackEndpointJsonContext : JsonSerializerContext;
