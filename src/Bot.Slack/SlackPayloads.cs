// Spec: docs/protocols/slack.md "Requests from Slack": slash command fields, block_actions payload, Events API envelope.
using System.Text.Json;
using Bot.Core.Channels;

namespace Bot.Slack;

/// <summary>Who and where, as every Slack payload says it; becomes the Core's channel and user.</summary>
public sealed record SlackOrigin(string TeamId, string ChannelId, string? ChannelName, string UserId, string UserName)
{
    public Channel Channel => new() { Platform = SlackPlatform.Name, ExternalId = ChannelId, Name = ChannelName, TenantId = TeamId };

    public ChatUser User(string? displayName = null) => new(SlackPlatform.Name, UserId, displayName ?? UserName);

    internal static bool IsId(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 64 && !value.AsSpan().ContainsAnyExcept(IdCharacters);

    private static readonly System.Buffers.SearchValues<char> IdCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
}

/// <summary>A slash command (<c>/call aqm0523</c>), from a form post or a Socket Mode envelope alike.</summary>
public sealed record SlashCommand(SlackOrigin Origin, string Command, string Text, string? ResponseUrl)
{
    public const int MaxText = 2000;

    /// <summary>Null when a field Slack always sends is missing or odd.</summary>
    public static SlashCommand? From(Func<string, string?> field)
    {
        var team = field("team_id");
        var channel = field("channel_id");
        var user = field("user_id");
        var command = field("command");
        if (!SlackOrigin.IsId(team) || !SlackOrigin.IsId(channel) || !SlackOrigin.IsId(user)) return null;
        if (string.IsNullOrEmpty(command) || command.Length > 64 || !command.StartsWith('/')) return null;
        // Over-long text is cut, not refused: the person still gets an answer (most likely the help).
        var text = field("text") ?? "";
        if (text.Length > MaxText) text = text[..MaxText];
        var name = field("user_name");
        return new SlashCommand(new SlackOrigin(team!, channel!, field("channel_name"), user!, string.IsNullOrWhiteSpace(name) ? user! : name),
            command, text, ResponseUrlOrNull(field("response_url")));
    }

    public static SlashCommand? FromJson(JsonElement payload) => From(name => SlackJson.Str(payload, name));

    /// <summary>What the Core reads: <c>/call x</c> → <c>call x</c>, <c>/devices map x</c> → <c>devices map x</c>.</summary>
    public string CoreText => $"{Command.TrimStart('/')} {Text}".Trim();

    internal static string? ResponseUrlOrNull(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? value : null;
}

/// <summary>
/// One button click (<c>block_actions</c>): the verb from <c>action_id</c>, the id from <c>value</c>.
/// <see cref="Message"/>: the channel message that carried the button (null for an ephemeral one, which has no lasting reference).
/// </summary>
public sealed record BlockAction(SlackOrigin Origin, string ActionId, string Value, string? ResponseUrl)
{
    public SlackMessageRef? Message { get; init; }

    public string Verb => BlockKit.VerbOf(ActionId);

    /// <summary>Null unless this is a block_actions payload with one usable button action.</summary>
    public static BlockAction? FromJson(JsonElement payload)
    {
        if (SlackJson.Str(payload, "type") != "block_actions") return null;
        if (SlackJson.Obj(payload, "user") is not { } user) return null;
        var userId = SlackJson.Str(user, "id");
        var userName = SlackJson.Str(user, "username") ?? SlackJson.Str(user, "name") ?? userId;
        var team = SlackJson.Str(user, "team_id") ?? (SlackJson.Obj(payload, "team") is { } t ? SlackJson.Str(t, "id") : null);
        var channel = SlackJson.Obj(payload, "channel");
        var channelId = channel is { } c ? SlackJson.Str(c, "id") : null;
        channelId ??= SlackJson.Obj(payload, "container") is { } container ? SlackJson.Str(container, "channel_id") : null;
        var channelName = channel is { } c2 ? SlackJson.Str(c2, "name") : null;
        if (!SlackOrigin.IsId(userId) || !SlackOrigin.IsId(team) || !SlackOrigin.IsId(channelId)) return null;

        if (!payload.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array || actions.GetArrayLength() == 0) return null;
        var action = actions[0];
        var actionId = SlackJson.Str(action, "action_id");
        // A button carries its value; a static select (a card's choices) the value of the option picked.
        var value = SlackJson.Str(action, "value")
            ?? (SlackJson.Obj(action, "selected_option") is { } picked ? SlackJson.Str(picked, "value") : null);
        if (string.IsNullOrEmpty(actionId) || actionId.Length > BlockKit.MaxActionId || string.IsNullOrEmpty(value) || value.Length > BlockKit.MaxValue) return null;
        return new BlockAction(new SlackOrigin(team!, channelId!, channelName, userId!, string.IsNullOrWhiteSpace(userName) ? userId! : userName!),
            actionId, value, SlashCommand.ResponseUrlOrNull(SlackJson.Str(payload, "response_url")))
        {
            Message = MessageOf(SlackJson.Obj(payload, "container"), channelId!),
        };
    }

    private static SlackMessageRef? MessageOf(JsonElement? container, string channelId)
    {
        if (container is not { } c || SlackJson.Str(c, "type") != "message") return null;
        if (c.TryGetProperty("is_ephemeral", out var ephemeral) && ephemeral.ValueKind == JsonValueKind.True) return null;
        var ts = SlackJson.Str(c, "message_ts");
        return ts is { Length: > 0 and <= 32 } && ts.All(ch => char.IsAsciiDigit(ch) || ch == '.') ? new SlackMessageRef(SlackJson.Str(c, "channel_id") ?? channelId, ts) : null;
    }
}
