using Bot.Core.Alarms;
using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Commands;
using Bot.Core.Devices;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core;

/// <summary>
/// The single entry point of every chat surface: typed text and card clicks
/// go in, cards come out. Adapters only translate transport; all behaviour lives behind this.
/// </summary>
public sealed partial class ChatRequests(
    CallService calls,
    DeviceDirectory directory,
    Inventory inventory,
    CardActions actions,
    AlarmList alarmList,
    DeviceSilences silences,
    OnCall.OnCallRoster onCall,
    IOptions<BotOptions> options,
    ILogger<ChatRequests> log)
{
    public Texts TextsFor(ChatContext context) => Texts.For(context.Locale, options.Value.DefaultLocale);

    public async Task<BotReply> HandleTextAsync(ChatContext context, string? text, CancellationToken cancellationToken)
    {
        var t = TextsFor(context);
        try
        {
            await inventory.ChannelSeenAsync(context.Channel, cancellationToken);
            return CommandParser.Parse(text) switch
            {
                BotCommand.Call { Device: null } => DeviceCards.List(await directory.InChannelAsync(context.Channel.Key, cancellationToken), t),
                BotCommand.Call call => await calls.RequestAsync(context, call.Device!, t, cancellationToken),
                BotCommand.Devices => DeviceCards.List(await directory.InChannelAsync(context.Channel.Key, cancellationToken), t),
                BotCommand.Map map => await ChangeMappingAsync(context, map.Device, add: true, t, cancellationToken),
                BotCommand.Unmap unmap => await ChangeMappingAsync(context, unmap.Device, add: false, t, cancellationToken),
                BotCommand.Alarms list => await alarmList.ShowAsync(context.Channel.Key, list.All, list.Page, t, cancellationToken),
                BotCommand.Silences => await silences.ListAsync(context.Channel.Key, t, cancellationToken),
                BotCommand.Unsilence unsilence => await silences.UnsilenceAsync(context, unsilence.Device, t, cancellationToken),
                BotCommand.OnCall roster => await onCall.HandleAsync(context, roster, t, cancellationToken),
                BotCommand.Unknown unknown => DeviceCards.Help(t, unknown.Text),
                _ => DeviceCards.Help(t),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailure(log, e, "text", context.Channel.Key);
            return CardParts.Message(t[TextId.SomethingWentWrong]);
        }
    }

    /// <summary>Whether a button's verb has a handler: surfaces refuse other verbs before asking.</summary>
    public bool Knows(string verb) => actions.IsKnown(verb);

    public Task<ActionResult> HandleActionAsync(ChatContext context, string verb, string id, CancellationToken cancellationToken) =>
        HandleActionAsync(new CardClick(context, verb, id), cancellationToken);

    /// <summary>A click on a card's button, handed to the verb's registered handler.</summary>
    public async Task<ActionResult> HandleActionAsync(CardClick click, CancellationToken cancellationToken)
    {
        var t = TextsFor(click.Context);
        try
        {
            await inventory.ChannelSeenAsync(click.Context.Channel, cancellationToken);
            return actions.Find(click.Verb) is { } handler
                ? await handler.HandleAsync(click, t, cancellationToken)
                : ActionResult.Note(t[TextId.SomethingWentWrong]);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailure(log, e, click.Verb, click.Context.Channel.Key);
            return ActionResult.Note(t[TextId.SomethingWentWrong]);
        }
    }

    /// <summary>What the clicked card shows while a slow click is still handled (see <see cref="ICardActionHandler.InterimAsync"/>).</summary>
    public async Task<BotReply?> InterimAsync(CardClick click, CancellationToken cancellationToken)
    {
        if (actions.Find(click.Verb) is not { } handler) return null;
        try { return await handler.InterimAsync(click, TextsFor(click.Context), cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailure(log, e, click.Verb, click.Context.Channel.Key);
            return null;
        }
    }

    /// <summary>The bot is (still) in the channel: remember it and how to reach it proactively (the reference can change).</summary>
    public Task ChannelSeenAsync(Channel channel, CancellationToken cancellationToken) => inventory.ChannelSeenAsync(channel, cancellationToken);

    /// <summary>The bot was removed from the channel: forget how to reach it; its mappings stay.</summary>
    public Task ChannelLeftAsync(string channelKey, CancellationToken cancellationToken) => inventory.ClearReferenceAsync(channelKey, cancellationToken);

    private async Task<BotReply> ChangeMappingAsync(ChatContext context, string? deviceQuery, bool add, Texts t, CancellationToken cancellationToken)
    {
        if (!context.IsAdmin) return CardParts.Message(t[TextId.AdminOnly]);
        if (string.IsNullOrWhiteSpace(deviceQuery))
            return CardParts.Message(t.Format(TextId.MissingDeviceArgument, add ? "devices map" : "devices unmap"));

        var device = await directory.FindAsync(deviceQuery, cancellationToken);
        if (device is null)
        {
            // Only admins get here, and they manage the whole inventory: the suggestion may come from any channel.
            var suggestion = DeviceDirectory.Nearest(DeviceRules.NormalizeId(deviceQuery), (await directory.AllIdsAsync(cancellationToken)));
            var text = t.Format(TextId.UnknownDevice, deviceQuery) + (suggestion is null ? "" : " " + t.Format(TextId.DidYouMean, suggestion));
            return CardParts.Message(text);
        }
        if (add)
        {
            var added = await inventory.MapAsync(context.Channel.Key, device.DeviceId, cancellationToken);
            return CardParts.Message(t.Format(added ? TextId.MapDone : TextId.MapAlready, device.Label()));
        }
        var removed = await inventory.UnmapAsync(context.Channel.Key, device.DeviceId, cancellationToken);
        return CardParts.Message(t.Format(removed ? TextId.UnmapDone : TextId.UnmapAbsent, device.Label()));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {What} in {ChannelKey} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string what, string channelKey);
}
