namespace Bot.StandIns.Teams;

/// <summary>Where an activity happens: a Teams channel, a group chat or a personal chat.</summary>
public sealed record TeamsPlace(string ConversationId, string ConversationType, string TenantId, string? TeamId = null, string? TeamName = null, string? ChannelName = null)
{
    public static TeamsPlace Channel(string channelId = "19:5ac3b8a1f2e94c0d9e1b@thread.tacv2", string tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47") =>
        new(channelId, "channel", tenantId, channelId, "Field Ops", "Pump stations");

    public static TeamsPlace Personal(string conversationId = "a:1Xb2kPersonalChatIdQ", string tenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47") =>
        new(conversationId, "personal", tenantId);
}
