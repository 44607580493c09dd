// Spec: docs/protocols/teams-bot-framework.md: proactive posting from a stored conversation reference, edits in place.
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Health;
using Bot.Teams.Activities;

namespace Bot.Teams.Connector;

/// <summary>Teams as a chat surface: alarm delivery and card edits reach a conversation through its stored reference.</summary>
public sealed class TeamsSurface(BotConnector connector, IntegrationOutcomes health) : IChatSurface
{
    public string Platform => TeamsPlatform.Name;

    /// <summary>What one conversation's windows let through in a minute: 120 (60 per 30 s is the tightest).</summary>
    public int? CardsPerMinute => ConversationPacer.PerConversation.Min(w =>
        w.Span >= TimeSpan.FromMinutes(1) ? w.Limit : (int)(w.Limit * (TimeSpan.FromMinutes(1) / w.Span)));

    /// <summary>
    /// Teams' 50 operations per second are one budget per app and tenant: one replica at a time posts to a tenant's
    /// conversations, so its <see cref="ConversationPacer"/> counts every operation in the tenant.
    /// </summary>
    public string PacingScope(Channel channel) =>
        (TeamsConversation.ReadReference(channel.Reference)?.Conversation.TenantId ?? channel.TenantId) is { Length: > 0 } tenant
            ? $"{Platform}-tenant:{tenant}"
            : channel.Key;

    /// <summary>The tenant's 50 operations per second, shared by its conversations.</summary>
    public double? ScopeOperationsPerSecond => ConversationPacer.PerTenant.Min(w => w.Limit / w.Span.TotalSeconds);

    /// <summary>The longest of Teams' short windows (60 per 30 seconds in a conversation); the hourly one is not carried over.</summary>
    public TimeSpan PacingMemory => ConversationPacer.PerConversation[1].Span;

    public async Task<PostOutcome> PostAsync(Channel channel, BotReply reply, CancellationToken cancellationToken)
    {
        if (TeamsConversation.ReadReference(channel.Reference) is not { } reference)
            return new PostOutcome.Permanent("no conversation reference: the bot is not installed in this conversation");
        var conversationId = reference.Conversation.Id!;
        var tenant = reference.Conversation.TenantId ?? channel.TenantId;
        var activity = TeamsMessages.CardMessage(reply);

        if (reference.Conversation.ConversationType == "channel")
        {
            // A new thread in the channel: the created conversation is the thread, the activity its first message.
            var parameters = new ConversationParameters
            {
                IsGroup = true,
                Bot = reference.Bot,
                TenantId = tenant,
                Activity = activity,
                ChannelData = ChannelData(reference.TeamsChannelId ?? conversationId, tenant),
            };
            var created = await connector.CreateConversationAsync(reference.ServiceUrl, conversationId, tenant, parameters, cancellationToken).ConfigureAwait(false);
            return Report(created, r =>
                r.ActivityId is { Length: > 0 } activityId
                    ? new TeamsMessageRef(r.Id is { Length: > 0 } thread ? thread : $"{conversationId};messageid={activityId}", activityId)
                    : null);
        }

        var sent = await connector.SendAsync(reference.ServiceUrl, conversationId, tenant, activity, cancellationToken).ConfigureAwait(false);
        return Report(sent, r => r.Id is { Length: > 0 } id ? new TeamsMessageRef(conversationId, id) : null);
    }

    public async Task<PostOutcome> UpdateAsync(Channel channel, string messageRef, BotReply reply, CancellationToken cancellationToken)
    {
        if (TeamsConversation.ReadReference(channel.Reference) is not { } reference)
            return new PostOutcome.Permanent("no conversation reference: the bot is not installed in this conversation");
        if (TeamsMessageRef.Parse(messageRef, reference.Conversation.Id) is not { } target)
            return new PostOutcome.Permanent("message reference is not a Teams message");
        var result = await connector.UpdateAsync(reference.ServiceUrl, target.ConversationId, target.ActivityId,
            reference.Conversation.TenantId ?? channel.TenantId, TeamsMessages.CardMessage(reply), cancellationToken).ConfigureAwait(false);
        return Report(result, _ => target);
    }

    /// <summary>A reply to the card's message: in a channel it joins the card's thread.</summary>
    public async Task<PostOutcome> ReplyInThreadAsync(Channel channel, string messageRef, string text, CancellationToken cancellationToken)
    {
        if (TeamsConversation.ReadReference(channel.Reference) is not { } reference)
            return new PostOutcome.Permanent("no conversation reference: the bot is not installed in this conversation");
        if (TeamsMessageRef.Parse(messageRef, reference.Conversation.Id) is not { } target)
            return new PostOutcome.Permanent("message reference is not a Teams message");
        var result = await connector.ReplyAsync(reference.ServiceUrl, target.ConversationId, target.ActivityId,
            reference.Conversation.TenantId ?? channel.TenantId, TeamsMessages.TextMessage(text), cancellationToken).ConfigureAwait(false);
        return Report(result, r => new TeamsMessageRef(target.ConversationId, r.Id is { Length: > 0 } id ? id : target.ActivityId));
    }

    private static JsonElement ChannelData(string channelId, string? tenantId)
    {
        var data = new JsonObject
        {
            ["channel"] = new JsonObject { ["id"] = channelId },
            ["tenant"] = new JsonObject { ["id"] = tenantId },
        };
        using var document = JsonDocument.Parse(data.ToJsonString());
        return document.RootElement.Clone();
    }

    /// <summary>Reports to /readyz and translates to the Core's outcome.</summary>
    public PostOutcome Report(ConnectorResult result, Func<ResourceResponse, TeamsMessageRef?> messageRef)
    {
        switch (result)
        {
            case ConnectorResult.Ok ok when messageRef(ok.Response) is { } posted:
                health.Succeeded(TeamsHealth.Name);
                return new PostOutcome.Posted(posted.ToString());
            case ConnectorResult.Ok:
                health.Failed(TeamsHealth.Name, "connector answered without a message id");
                return new PostOutcome.Transient("connector answered without a message id", MayHaveArrived: true);
            case ConnectorResult.Transient t:
                health.Failed(TeamsHealth.Name, t.Reason);
                return new PostOutcome.Transient(t.Reason, t.RetryAfter, t.MayHaveArrived);
            case ConnectorResult.Permanent p:
                health.Failed(TeamsHealth.Name, p.Reason);
                return new PostOutcome.Permanent(p.Reason);
            default:
                return new PostOutcome.Permanent(result.ToString());
        }
    }
}
