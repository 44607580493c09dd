using Bot.Core.Cards;
using Bot.Core.Channels;

namespace Bot.WebChat;

/// <summary>
/// Posting into a web channel: the card goes into the room's transcript and out to every open page at once.
/// Nothing can rate-limit it; a message the room no longer keeps cannot be edited (permanent).
/// </summary>
public sealed class WebChatSurface(WebRooms rooms, TimeProvider time) : IChatSurface
{
    public string Platform => WebChatPlatform.Name;

    public Task<PostOutcome> PostAsync(Channel channel, BotReply reply, CancellationToken cancellationToken)
    {
        var room = rooms[channel.ExternalId];
        var message = room.Append(BotMessage(room.NewMessageId(), reply, time.GetUtcNow()));
        return Task.FromResult<PostOutcome>(new PostOutcome.Posted(message.Id));
    }

    public Task<PostOutcome> UpdateAsync(Channel channel, string messageRef, BotReply reply, CancellationToken cancellationToken)
    {
        var updated = rooms[channel.ExternalId].Update(messageRef, m => m with { Text = reply.Text, CardJson = WebChatCard.Serialize(reply.Card) });
        return Task.FromResult<PostOutcome>(updated is null
            ? new PostOutcome.Permanent($"web chat message {messageRef} is no longer kept (the transcript is in memory)")
            : new PostOutcome.Posted(messageRef));
    }

    /// <summary>A line under the card (the page shows it beneath the card it belongs to).</summary>
    public Task<PostOutcome> ReplyInThreadAsync(Channel channel, string messageRef, string text, CancellationToken cancellationToken)
    {
        var room = rooms[channel.ExternalId];
        // The page has no mentions: an escalation's mention of a person shows as "@name".
        var line = room.Append(new WebMessage { Id = room.NewMessageId(), Kind = WebMessage.FromBot, Text = Bot.Core.OnCall.OnCallMention.ShowNames(text), ThreadOf = messageRef, At = time.GetUtcNow() });
        return Task.FromResult<PostOutcome>(new PostOutcome.Posted(line.Id));
    }

    public static WebMessage BotMessage(string id, BotReply reply, DateTimeOffset at) => new()
    {
        Id = id,
        Kind = WebMessage.FromBot,
        Text = reply.Text,
        CardJson = WebChatCard.Serialize(reply.Card),
        At = at,
    };
}
