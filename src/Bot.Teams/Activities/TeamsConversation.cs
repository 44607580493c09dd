// Spec: docs/protocols/teams-bot-framework.md: conversation references and the channel they belong to.
using System.Collections.Concurrent;
using System.Text.Json;
using Bot.Core.Channels;

namespace Bot.Teams.Activities;

/// <summary>Maps an inbound activity to the Core's channel, person and the conversation reference to store.</summary>
public static class TeamsConversation
{
    private const string ThreadSuffix = ";messageid=";

    /// <summary>
    /// The conversation as a channel: in a Teams channel every thread has its own conversation id
    /// (<c>19:…@thread.tacv2;messageid=…</c>); mappings belong to the channel, so the thread part goes.
    /// </summary>
    public static string ChannelIdOf(string conversationId)
    {
        var at = conversationId.IndexOf(ThreadSuffix, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? conversationId : conversationId[..at];
    }

    public static string? TenantOf(Activity activity) =>
        NonEmpty(activity.Conversation?.TenantId) ?? NonEmpty(activity.ChannelData?.Tenant?.Id);

    public static ConversationReference? ReferenceOf(Activity activity)
    {
        if (activity.Conversation?.Id is not { Length: > 0 } conversationId || activity.ServiceUrl is not { Length: > 0 } serviceUrl)
            return null;
        return new ConversationReference
        {
            Bot = activity.Recipient is null ? null : new ChannelAccount { Id = activity.Recipient.Id, Name = activity.Recipient.Name },
            Conversation = new ConversationAccount
            {
                Id = ChannelIdOf(conversationId),
                ConversationType = activity.Conversation.ConversationType,
                TenantId = TenantOf(activity),
                IsGroup = activity.Conversation.IsGroup,
            },
            ChannelId = activity.ChannelId ?? "msteams",
            ServiceUrl = serviceUrl,
            TeamsChannelId = NonEmpty(activity.ChannelData?.Channel?.Id),
            TeamsTeamId = NonEmpty(activity.ChannelData?.Team?.Id),
        };
    }

    public static Channel? ChannelOf(Activity activity)
    {
        var reference = ReferenceOf(activity);
        if (reference is null) return null;
        var data = activity.ChannelData;
        var name = (data?.Team?.Name, data?.Channel?.Name) switch
        {
            ({ Length: > 0 } team, { Length: > 0 } channel) => $"{team} / {channel}",
            (_, { Length: > 0 } channel) => channel,
            ({ Length: > 0 } team, _) => team,
            _ => NonEmpty(activity.Conversation?.Name),
        };
        return new Channel
        {
            Platform = TeamsPlatform.Name,
            ExternalId = reference.Conversation.Id!,
            Name = name,
            TenantId = reference.Conversation.TenantId,
            Reference = ReferenceJson(reference),
        };
    }

    /// <summary>
    /// The reference as stored. Every activity carries it, and it rarely changes, so its JSON is written once per
    /// distinct reference rather than on every message.
    /// </summary>
    private static string ReferenceJson(ConversationReference reference)
    {
        var fields = ReferenceFields.Of(reference);
        if (Written.TryGetValue(fields, out var json)) return json;
        // Bounded: a bot in more conversations than this just writes some references again.
        if (Written.Count >= MaxWritten) Written.Clear();
        json = JsonSerializer.Serialize(reference, TeamsJson.Default.ConversationReference);
        Written[fields] = json;
        return json;
    }

    private const int MaxWritten = 4096;
    private static readonly ConcurrentDictionary<ReferenceFields, string> Written = new();

    public static ChatUser? UserOf(Activity activity) =>
        activity.From is { } from && (NonEmpty(from.AadObjectId) ?? NonEmpty(from.Id)) is { } id
            ? new ChatUser(TeamsPlatform.Name, id, NonEmpty(from.Name) ?? id)
            : null;

    public static ConversationReference? ReadReference(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            var reference = JsonSerializer.Deserialize(json, TeamsJson.Default.ConversationReference);
            return reference?.Conversation?.Id is { Length: > 0 } && !string.IsNullOrEmpty(reference.ServiceUrl) ? reference : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
