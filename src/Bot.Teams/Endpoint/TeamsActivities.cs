// Spec: docs/protocols/teams-bot-framework.md: dispatch by activity type; message → command text, invoke
// adaptiveCard/action → card verb, conversationUpdate / installationUpdate → conversation reference.
using System.Text.Json;
using Bot.Core;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Text;
using Bot.Teams.Activities;
using Bot.Teams.Connector;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Teams.Endpoint;

/// <summary>Handles one authenticated activity: translates it for the Core and the Core's answer back to Teams.</summary>
public sealed partial class TeamsActivities(
    ChatRequests chat,
    BotConnector connector,
    TeamsSurface surface,
    FollowUpWork followUps,
    IOptions<TeamsOptions> options,
    TimeProvider time,
    ILogger<TeamsActivities> log)
{
    /// <summary>Teams gives an invoke a few seconds; what takes longer is finished after answering.</summary>
    public static readonly TimeSpan InvokeBudget = TimeSpan.FromSeconds(2);

    private readonly TeamsReplyBacklog _replies = new();

    /// <summary>Replies to typed messages waiting for their turn, per conversation (for tests and diagnostics).</summary>
    public TeamsReplyBacklog Replies => _replies;
    public const string AdaptiveCardAction = "adaptiveCard/action";

    public async Task<TeamsAnswer> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        switch (activity.Type)
        {
            case Activity.Message:
                return await OnMessageAsync(activity, cancellationToken);
            case Activity.Invoke:
                return await OnInvokeAsync(activity, cancellationToken);
            case Activity.ConversationUpdate:
                await OnConversationUpdateAsync(activity, cancellationToken);
                return TeamsAnswer.Empty;
            case Activity.InstallationUpdate:
                await OnInstallationUpdateAsync(activity, cancellationToken);
                return TeamsAnswer.Empty;
            default:
                // Reactions, typing and the like: nothing to do but keep the reference fresh.
                await RememberAsync(activity, cancellationToken);
                return TeamsAnswer.Empty;
        }
    }

    private async Task<TeamsAnswer> OnMessageAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (ContextOf(activity) is not { } context) return TeamsAnswer.BadRequest;
        var text = ActivityText.CommandText(activity);

        // Legacy Action.Submit: a message with the button's data in value and no text.
        // The channel gets its 200 once the Core has decided; sending the answer (paced, perhaps retried after
        // a 429) happens after that, so a slow connector never holds the channel's request.
        if (text.Length == 0 && ActionOf(activity.Value) is { } submitted)
        {
            var result = await chat.HandleActionAsync(context, submitted.Verb, submitted.Id, CancellationToken.None);
            followUps.Start("card submit", ct => DeliverAsync(activity, context, result, ct));
            return TeamsAnswer.Empty;
        }

        var reply = await chat.HandleTextAsync(context, text, cancellationToken);
        // Counted per channel, as Teams paces it (a channel's threads share its limit).
        var paced = context.Channel.Key;
        if (!_replies.TryEnter(paced))
        {
            if (_replies.Dropped(paced, time.GetUtcNow()) is { } dropped) LogReplyDropped(log, context.Channel.Key, TeamsReplyBacklog.MaxWaiting, dropped);
            return TeamsAnswer.Empty;
        }
        followUps.Start("reply", async ct =>
        {
            try
            {
                var posted = await PostAsync(activity, reply, ct);
                // The outcome's text only when it is written: at Warning (as under load) this costs nothing.
                if (log.IsEnabled(LogLevel.Information)) LogMessage(log, context.Channel.Key, posted?.ToString() ?? "not posted");
            }
            finally
            {
                _replies.Leave(paced);
            }
        });
        return TeamsAnswer.Empty;
    }

    private async Task<TeamsAnswer> OnInvokeAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (!string.Equals(activity.Name, AdaptiveCardAction, StringComparison.Ordinal))
        {
            await RememberAsync(activity, cancellationToken);
            return TeamsAnswer.Empty;
        }
        if (ContextOf(activity) is not { } context || ExecuteOf(activity.Value) is not { } action)
            return new TeamsAnswer(200, Error("BadRequest", "The action carries no verb and id."));

        // Teams' invoke answer replaces the card for the clicker only, so the click names no answered message:
        // what everyone sees is edited afterwards (by this adapter for a call card, by the outbox for an alarm).
        var click = new CardClick(context, action.Verb, action.Id);
        // Not the request's token: a confirmed call goes on even if Teams stops waiting for the answer.
        var work = chat.HandleActionAsync(click, CancellationToken.None);
        var budget = Task.Delay(InvokeBudget, time, cancellationToken);
        if (await Task.WhenAny(work, budget) == work)
        {
            var result = await work;
            followUps.Start("card action follow-up", ct => FollowUpAsync(activity, context, result, ct));
            return new TeamsAnswer(200, AnswerFor(result));
        }

        // Too slow for the invoke: show "working" now, everyone sees the outcome when it arrives.
        var interim = await chat.InterimAsync(click, cancellationToken);
        followUps.Start("slow card action", async ct =>
        {
            if (interim is not null) await EditAsync(activity, interim, ct);
            await FollowUpAsync(activity, context, await work, ct);
        });
        return new TeamsAnswer(200, CardAnswer((interim ?? CardParts.Message(chat.TextsFor(context)[TextId.Working])).Card));
    }

    private async Task OnConversationUpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        var botId = activity.Recipient?.Id;
        if (activity.MembersRemoved?.Any(m => SameId(m.Id, botId)) == true)
        {
            await ForgetAsync(activity, cancellationToken);
            return;
        }
        await RememberAsync(activity, cancellationToken);
    }

    private async Task OnInstallationUpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Action?.StartsWith("remove", StringComparison.OrdinalIgnoreCase) == true)
            await ForgetAsync(activity, cancellationToken);
        else
            await RememberAsync(activity, cancellationToken);
    }

    /// <summary>Stores or refreshes the conversation reference (the serviceUrl can change between activities).</summary>
    private async Task RememberAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (TeamsConversation.ChannelOf(activity) is not { } channel) return;
        await chat.ChannelSeenAsync(channel, cancellationToken);
        LogRemembered(log, channel.Key);
    }

    private async Task ForgetAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (TeamsConversation.ChannelOf(activity) is not { } channel) return;
        await chat.ChannelLeftAsync(channel.Key, cancellationToken);
        LogForgotten(log, channel.Key);
    }

    /// <summary>
    /// After answering an invoke: everyone sees the updated card (the invoke's answer was the clicker's alone, unless
    /// the outbox edits the copies); a reply goes into the conversation.
    /// </summary>
    private async Task FollowUpAsync(Activity activity, ChatContext context, ActionResult result, CancellationToken cancellationToken)
    {
        if (result.UpdatedCard is { } updated && !result.OutboxEditsCopies)
            await EditAsync(activity, updated, cancellationToken);
        if (result.Reply is { } reply)
            await PostAsync(activity, reply, cancellationToken);
        else if (result.UpdatedCard is null && result.Notice is not null)
            LogNotice(log, context.Channel.Key);
    }

    /// <summary>A legacy Action.Submit has no private answer: edits and replies go into the conversation.</summary>
    private async Task DeliverAsync(Activity activity, ChatContext context, ActionResult result, CancellationToken cancellationToken)
    {
        if (result.UpdatedCard is { } updated && !result.OutboxEditsCopies) await EditAsync(activity, updated, cancellationToken);
        if (result.Reply is { } reply) await PostAsync(activity, reply, cancellationToken);
        if (result.Notice is { } notice && result.UpdatedCard is null)
            await SendTextAsync(activity, notice, cancellationToken);
        LogMessage(log, context.Channel.Key, "card action");
    }

    private async Task<TeamsMessageRef?> PostAsync(Activity activity, BotReply reply, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation!.Id!;
        var message = TeamsMessages.CardMessage(reply);
        var tenant = TeamsConversation.TenantOf(activity);
        // A typed message gets a reply to it; after a click (invoke or legacy submit) the reply simply joins the
        // conversation, which in a channel is the card's thread.
        var result = activity.Type == Activity.Message && activity.Value is null && activity.Id is { Length: > 0 } replyTo
            ? await connector.ReplyAsync(activity.ServiceUrl!, conversationId, replyTo, tenant, message, cancellationToken)
            : await connector.SendAsync(activity.ServiceUrl!, conversationId, tenant, message, cancellationToken);
        var outcome = surface.Report(result, r => r.Id is { Length: > 0 } id ? new TeamsMessageRef(conversationId, id) : null);
        if (outcome is PostOutcome.Posted posted) return TeamsMessageRef.Parse(posted.MessageRef, conversationId);
        LogPostFailed(log, conversationId, outcome.ToString());
        return null;
    }

    private async Task SendTextAsync(Activity activity, string text, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation!.Id!;
        var result = await connector.SendAsync(activity.ServiceUrl!, conversationId, TeamsConversation.TenantOf(activity), TeamsMessages.TextMessage(text), cancellationToken);
        surface.Report(result, r => new TeamsMessageRef(conversationId, r.Id ?? ""));
    }

    /// <summary>Edits the message that carried the clicked card (the invoke's replyToId).</summary>
    private async Task EditAsync(Activity activity, BotReply card, CancellationToken cancellationToken)
    {
        if (activity.ReplyToId is not { Length: > 0 } messageId) return;
        var conversationId = activity.Conversation!.Id!;
        var result = await connector.UpdateAsync(activity.ServiceUrl!, conversationId, messageId, TeamsConversation.TenantOf(activity),
            TeamsMessages.CardMessage(card), cancellationToken);
        if (surface.Report(result, _ => new TeamsMessageRef(conversationId, messageId)) is not PostOutcome.Posted)
            LogPostFailed(log, conversationId, result.ToString());
    }

    private ChatContext? ContextOf(Activity activity)
    {
        if (TeamsConversation.ChannelOf(activity) is not { } channel || TeamsConversation.UserOf(activity) is not { } user) return null;
        return new ChatContext(user, channel, activity.Locale, options.Value.IsAdmin(activity.From?.AadObjectId));
    }

    private static AdaptiveCardInvokeResponse AnswerFor(ActionResult result)
    {
        if (result.UpdatedCard is { } updated) return CardAnswer(updated.Card);
        // The clicked card stays; the clicker reads a short note (Teams shows the text beside the card).
        var text = result.Notice ?? result.Reply?.Text ?? "";
        return new AdaptiveCardInvokeResponse(200, AdaptiveCardInvokeResponse.MessageType, JsonSerializer.SerializeToElement(text, TeamsJson.Default.String));
    }

    private static AdaptiveCardInvokeResponse CardAnswer(AdaptiveCard card) =>
        new(200, AdaptiveCardInvokeResponse.CardType, TeamsCard.ToElement(card));

    private static AdaptiveCardInvokeResponse Error(string code, string message) =>
        new(400, AdaptiveCardInvokeResponse.ErrorType,
            JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["code"] = code, ["message"] = message }, TeamsJson.Default.DictionaryStringString));

    /// <summary>Action.Execute: the verb from the action, the id from its data.</summary>
    private ActionData? ExecuteOf(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } v) return null;
        AdaptiveCardInvokeValue? invoke;
        try { invoke = v.Deserialize(TeamsJson.Default.AdaptiveCardInvokeValue); }
        catch (JsonException) { return null; }
        var data = ActionOf(invoke?.Action?.Data);
        var verb = invoke?.Action?.Verb ?? data?.Verb;
        return verb is { Length: > 0 } && data is not null && chat.Knows(verb) ? data with { Verb = verb } : null;
    }

    /// <summary>The button's data as the bot's cards write it: <c>{"verb", "id"}</c>.</summary>
    private ActionData? ActionOf(JsonElement? data)
    {
        if (data is not { ValueKind: JsonValueKind.Object } d) return null;
        var verb = d.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var id = d.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        return verb is { Length: > 0 } && id is { Length: > 0 and <= 256 } && chat.Knows(verb) ? new ActionData(verb, id) : null;
    }

    private static bool SameId(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams message in {ChannelKey}: reply {Posted}")]
    private static partial void LogMessage(ILogger logger, string channelKey, string posted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams conversation {ChannelKey} remembered")]
    private static partial void LogRemembered(ILogger logger, string channelKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams conversation {ChannelKey} forgotten (bot removed)")]
    private static partial void LogForgotten(ILogger logger, string channelKey);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Teams notice answered privately in {ChannelKey}")]
    private static partial void LogNotice(ILogger logger, string channelKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams message in {ChannelKey} not answered: {Waiting} replies already wait for the conversation's limit ({Dropped} not answered since the last such warning)")]
    private static partial void LogReplyDropped(ILogger logger, string channelKey, int waiting, int dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posting to Teams conversation {ConversationId} failed: {Outcome}")]
    private static partial void LogPostFailed(ILogger logger, string conversationId, string outcome);
}
