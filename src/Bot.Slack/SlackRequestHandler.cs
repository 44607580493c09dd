// Spec: docs/protocols/slack.md: slash commands, interactivity, Events API; the Core does the rest.
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Slack;

/// <summary>
/// Turns verified Slack payloads into Core requests and Core answers into Slack messages. Both transports
/// (HTTP and Socket Mode) use it, so the behaviour is one. Answers first, finishes in the background.
/// </summary>
public sealed partial class SlackRequestHandler(
    ChatRequests core,
    SlackPeople people,
    SlackResponder responder,
    FollowUpWork work,
    SlackEventLog events,
    PlatformEvents platformEvents,
    SlackWebApi api,
    TimeProvider time,
    IOptions<SlackOptions> options,
    IOptions<BotOptions> bot,
    ILogger<SlackRequestHandler> log)
{
    /// <summary>Slack waits 3 seconds; what is not ready by then follows through the response_url.</summary>
    public static readonly TimeSpan AnswerDeadline = TimeSpan.FromSeconds(2.5);

    /// <summary>The immediate answer to a slash command: an ephemeral message.</summary>
    public async Task<JsonObject> CommandAsync(SlashCommand command, CancellationToken cancellationToken) =>
        Ephemeral((await AnswerAsync(command, cancellationToken)).ToMessage());

    /// <summary>
    /// What answers a slash command (sent as <c>response_type: ephemeral</c>): the Core's answer when it
    /// is there within <see cref="AnswerDeadline"/>, otherwise a "working" note replaced through the response_url later.
    /// </summary>
    public async Task<SlackReply> AnswerAsync(SlashCommand command, CancellationToken cancellationToken)
    {
        var handling = HandleCommandAsync(command);
        if (handling.IsCompleted) return await handling;
        // The deadline's timer is stopped as soon as the answer is there, so a busy bot does not keep thousands armed.
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var finished = await Task.WhenAny(handling, Task.Delay(AnswerDeadline, time, deadline.Token));
            await deadline.CancelAsync();
            if (finished == handling) return await handling;
        }

        // Too slow for Slack: say so now, replace the note when the answer is there.
        var texts = Texts.For(null, bot.Value.DefaultLocale);
        if (command.ResponseUrl is { } url)
            work.Start("late command answer", async ct =>
            {
                var late = await handling;
                await responder.ReplaceAsync(url, late.ToMessage(), ct);
            });
        return new SlackReply(CardParts.Message(texts[TextId.WorkingBriefly]), texts);
    }

    /// <summary>A button click: acknowledged at once by the caller; the Core's result goes out through the response_url.</summary>
    public void Action(BlockAction action)
    {
        if (action.ResponseUrl is not { } url)
        {
            LogNoResponseUrl(log, action.Verb);
            return;
        }
        work.Start(action.Verb, async ct =>
        {
            var (context, t) = await ContextAsync(action.Origin, ct);
            // The answer replaces the clicked message for everyone (replace_original), so the Core learns which
            // message that is: the alarm outbox then leaves it alone and the card is written once.
            var result = await core.HandleActionAsync(new CardClick(context, action.Verb, action.Value, action.Message?.ToString()), ct);
            if (result.UpdatedCard is { } updated) await responder.ReplaceAsync(url, BlockKit.Translate(updated, t), ct);
            if (result.Reply is { } reply) await responder.EphemeralAsync(url, BlockKit.Translate(reply, t), ct);
            if (result.Notice is { } notice) await responder.EphemeralAsync(url, BlockKit.Translate(CardParts.Message(notice), t), ct);
        });
    }

    /// <summary>
    /// An Events API callback. A mention of the bot (<c>@Bot call aqm0523</c>) is read like a command and
    /// answered privately; an event seen before (Slack's retries) does nothing again.
    /// </summary>
    public void Event(JsonElement callback)
    {
        var eventId = SlackJson.Str(callback, "event_id");
        if (eventId is null || !events.FirstTime(eventId))
        {
            LogRepeatedEvent(log, eventId ?? "(none)");
            return;
        }
        if (SlackJson.Obj(callback, "event") is not { } ev || SlackJson.Str(ev, "type") != "app_mention") return;
        var team = SlackJson.Str(callback, "team_id");
        var channel = SlackJson.Str(ev, "channel");
        var user = SlackJson.Str(ev, "user");
        var text = SlackJson.Str(ev, "text") ?? "";
        if (!SlackOrigin.IsId(team) || !SlackOrigin.IsId(channel) || !SlackOrigin.IsId(user) || text.Length > SlashCommand.MaxText) return;
        if (!options.Value.PostingEnabled) return;

        var origin = new SlackOrigin(team!, channel!, null, user!, user!);
        work.Start("app_mention", async ct =>
        {
            // The retry may have reached another replica first: the shared record decides.
            if (!await platformEvents.FirstTimeAsync(SlackPlatform.Name, eventId, ct))
            {
                LogRepeatedEvent(log, eventId);
                return;
            }
            var (context, t) = await ContextAsync(origin, ct);
            var reply = await core.HandleTextAsync(context, WithoutMentions(text), ct);
            var message = BlockKit.Translate(reply, t).ToJson(("channel", channel), ("user", user));
            var result = await api.CallJsonAsync("chat.postEphemeral", message, ct);
            if (result is not SlackApiResult.Ok) LogMentionNotAnswered(log, result.ToString());
        });
    }

    private async Task<SlackReply> HandleCommandAsync(SlashCommand command)
    {
        // Not the request's token: once Slack has its answer the work must still finish.
        var (context, t) = await ContextAsync(command.Origin, CancellationToken.None);
        return new SlackReply(await core.HandleTextAsync(context, command.CoreText, CancellationToken.None), t);
    }

    private static JsonObject Ephemeral(SlackMessage message) => message.ToJson(("response_type", "ephemeral"));

    private async Task<(ChatContext, Texts)> ContextAsync(SlackOrigin origin, CancellationToken cancellationToken)
    {
        SlackPerson person;
        try { person = await people.FindAsync(origin.UserId, cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            person = new SlackPerson(null, null);
        }
        // The request's own user name wins; a mention carries only the id, so Slack's display name fills in.
        var name = origin.UserName != origin.UserId ? origin.UserName : person.Name;
        var context = new ChatContext(origin.User(name), origin.Channel, person.Locale, options.Value.IsAdmin(origin.UserId));
        return (context, core.TextsFor(context));
    }

    private static string WithoutMentions(string text) => Mention().Replace(text, " ").Trim();

    [System.Text.RegularExpressions.GeneratedRegex("<@[A-Z0-9]+(\\|[^>]*)?>", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial System.Text.RegularExpressions.Regex Mention();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack click on {Verb} came without a response_url; nothing to answer")]
    private static partial void LogNoResponseUrl(ILogger logger, string verb);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Slack event {EventId} seen before; not handled again")]
    private static partial void LogRepeatedEvent(ILogger logger, string eventId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer to a Slack mention not delivered: {Result}")]
    private static partial void LogMentionNotAnswered(ILogger logger, string result);
}
