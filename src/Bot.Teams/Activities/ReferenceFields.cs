namespace Bot.Teams.Activities;

/// <summary>Everything a stored conversation reference is written from: equal fields, equal JSON.</summary>
internal readonly record struct ReferenceFields(
    string? BotId,
    string? BotName,
    string ConversationId,
    string? ConversationType,
    string? TenantId,
    bool? IsGroup,
    string ChannelId,
    string ServiceUrl,
    string? TeamsChannelId,
    string? TeamsTeamId)
{
    public static ReferenceFields Of(ConversationReference reference) => new(
        reference.Bot?.Id, reference.Bot?.Name, reference.Conversation.Id ?? "", reference.Conversation.ConversationType,
        reference.Conversation.TenantId, reference.Conversation.IsGroup, reference.ChannelId, reference.ServiceUrl,
        reference.TeamsChannelId, reference.TeamsTeamId);
}
