// Spec: docs/protocols/teams-bot-framework.md, "Activity fields the bot uses": activities as Teams sends them.
using System.Text.Json.Nodes;

namespace Bot.StandIns.Teams;

/// <summary>Builds activities with the fields and shapes Teams uses (mentions, channelData, invoke values).</summary>
public static class ChannelActivities
{
    /// <summary>Activity id → conversation id of every activity built here, i.e. delivered by the channel to the bot.</summary>
    internal static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Delivered = new(StringComparer.Ordinal);

    public static JsonObject Message(string serviceUrl, string botId, TeamsPlace place, TeamsPerson from, string text, bool mentionBot = true, string locale = "en-US")
    {
        var activity = Base("message", serviceUrl, botId, place, from, locale);
        activity["textFormat"] = "plain";
        activity["text"] = mentionBot ? $"<at>Bot</at>&nbsp;{text}" : text;
        if (mentionBot)
            activity["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = "<at>Bot</at>",
                ["mentioned"] = new JsonObject { ["id"] = "28:" + botId, ["name"] = "Bot" },
            }, new JsonObject { ["type"] = "clientInfo", ["locale"] = locale, ["platform"] = "Web" });
        return activity;
    }

    /// <summary>
    /// Adds a person's mention to a message whose text holds <c>&lt;at&gt;Name&lt;/at&gt;</c>, as Teams does: an entity with
    /// that text and the person's channel id and name (no AAD object id).
    /// </summary>
    public static JsonObject Mention(JsonObject activity, TeamsPerson person)
    {
        if (activity["entities"] is not JsonArray entities) activity["entities"] = entities = [];
        entities.Add((JsonNode)new JsonObject
        {
            ["type"] = "mention",
            ["text"] = $"<at>{person.Name}</at>",
            ["mentioned"] = new JsonObject { ["id"] = person.Id, ["name"] = person.Name },
        });
        return activity;
    }

    /// <summary>A click on <c>Action.Execute</c>: <c>invoke</c> named <c>adaptiveCard/action</c>, replying to the card's message.</summary>
    public static JsonObject Execute(string serviceUrl, string botId, TeamsPlace place, TeamsPerson from, string cardMessageId, string verb, string id, string locale = "en-US")
    {
        var activity = Base("invoke", serviceUrl, botId, place, from, locale);
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = cardMessageId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = new JsonObject { ["verb"] = verb, ["id"] = id } },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>A click on a legacy <c>Action.Submit</c>: a message with the data in <c>value</c> and no text.</summary>
    public static JsonObject Submit(string serviceUrl, string botId, TeamsPlace place, TeamsPerson from, string cardMessageId, string verb, string id)
    {
        var activity = Base("message", serviceUrl, botId, place, from, "en-US");
        activity["replyToId"] = cardMessageId;
        activity["value"] = new JsonObject { ["verb"] = verb, ["id"] = id };
        return activity;
    }

    /// <summary>The bot was added to (or removed from) a team or chat.</summary>
    public static JsonObject ConversationUpdate(string serviceUrl, string botId, TeamsPlace place, TeamsPerson from, bool added = true)
    {
        var activity = Base("conversationUpdate", serviceUrl, botId, place, from, null);
        activity[added ? "membersAdded" : "membersRemoved"] = new JsonArray(new JsonObject { ["id"] = "28:" + botId });
        ((JsonObject)activity["channelData"]!)["eventType"] = added ? "teamMemberAdded" : "teamMemberRemoved";
        return activity;
    }

    public static JsonObject InstallationUpdate(string serviceUrl, string botId, TeamsPlace place, TeamsPerson from, string action)
    {
        var activity = Base("installationUpdate", serviceUrl, botId, place, from, null);
        activity["action"] = action;
        return activity;
    }

    private static JsonObject Base(string type, string serviceUrl, string botId, TeamsPlace place, TeamsPerson from, string? locale)
    {
        var channelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = place.TenantId } };
        var conversationId = place.ConversationId;
        if (place.ConversationType == "channel")
        {
            channelData["team"] = new JsonObject { ["id"] = place.TeamId, ["name"] = place.TeamName };
            channelData["channel"] = new JsonObject { ["id"] = place.ConversationId, ["name"] = place.ChannelName };
        }
        var id = "1" + Random.Shared.NextInt64(100_000_000_000, 999_999_999_999);
        // The connector knows every activity the channel delivered: a reply to it (or an edit of it) is not a 404.
        Delivered[id] = conversationId;
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name, ["aadObjectId"] = from.AadObjectId },
            ["conversation"] = new JsonObject
            {
                ["isGroup"] = place.ConversationType != "personal",
                ["conversationType"] = place.ConversationType,
                ["tenantId"] = place.TenantId,
                ["id"] = conversationId,
            },
            ["recipient"] = new JsonObject { ["id"] = "28:" + botId, ["name"] = "Bot" },
            ["channelData"] = channelData,
        };
        if (locale is not null) activity["locale"] = locale;
        return activity;
    }
}
