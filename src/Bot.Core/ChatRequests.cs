using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Commands;
using Bot.Core.Devices;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core;

/// <summary>Handles one card verb that is not part of the call flow (e.g. <c>alarm.ack</c>).</summary>
public interface ICardActionHandler
{
    string Verb { get; }
    Task<ActionResult> HandleAsync(ChatContext context, string id, Texts texts, CancellationToken cancellationToken);
}

/// <summary>
/// The single entry point of every chat surface (Slack, Teams, web chat): typed text and card clicks
/// go in, cards come out. Adapters only translate transport; all behaviour lives behind this.
/// </summary>
public sealed partial class ChatRequests(
    CallService calls,
    DeviceDirectory directory,
    IMappingStore mappings,
    IChannelStore channels,
    IEnumerable<ICardActionHandler> handlers,
    IOptions<BotOptions> options,
    ILogger<ChatRequests> log)
{
    private readonly Dictionary<string, ICardActionHandler> _handlers = handlers.ToDictionary(h => h.Verb, StringComparer.Ordinal);

    public Texts TextsFor(ChatContext context) => Texts.For(context.Locale, options.Value.DefaultLocale);

    public async Task<BotReply> HandleTextAsync(ChatContext context, string? text, CancellationToken cancellationToken)
    {
        var t = TextsFor(context);
        try
        {
            await channels.UpsertAsync(context.Channel, cancellationToken);
            return CommandParser.Parse(text) switch
            {
                BotCommand.Call { Device: null } => DeviceCards.List(await directory.InChannelAsync(context.Channel.Key, cancellationToken), t),
                BotCommand.Call call => await calls.RequestAsync(context, call.Device!, t, cancellationToken),
                BotCommand.Devices => DeviceCards.List(await directory.InChannelAsync(context.Channel.Key, cancellationToken), t),
                BotCommand.Map map => await ChangeMappingAsync(context, map.Device, add: true, t, cancellationToken),
                BotCommand.Unmap unmap => await ChangeMappingAsync(context, unmap.Device, add: false, t, cancellationToken),
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

    public async Task<ActionResult> HandleActionAsync(ChatContext context, string verb, string id, CancellationToken cancellationToken)
    {
        var t = TextsFor(context);
        try
        {
            await channels.UpsertAsync(context.Channel, cancellationToken);
            return verb switch
            {
                CardVerbs.CallStart => new ActionResult(Reply: await calls.RequestAsync(context, id, t, cancellationToken)),
                CardVerbs.CallConfirm => await calls.ConfirmAsync(context, id, t, cancellationToken),
                CardVerbs.CallRetry => await calls.RetryAsync(context, id, t, cancellationToken),
                CardVerbs.CallCancel => await calls.CancelAsync(context, id, t, cancellationToken),
                _ when _handlers.TryGetValue(verb, out var handler) => await handler.HandleAsync(context, id, t, cancellationToken),
                _ => ActionResult.Note(t[TextId.SomethingWentWrong]),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailure(log, e, verb, context.Channel.Key);
            return ActionResult.Note(t[TextId.SomethingWentWrong]);
        }
    }

    private async Task<BotReply> ChangeMappingAsync(ChatContext context, string? deviceQuery, bool add, Texts t, CancellationToken cancellationToken)
    {
        if (!context.IsAdmin) return CardParts.Message(t[TextId.AdminOnly]);
        if (string.IsNullOrWhiteSpace(deviceQuery))
            return CardParts.Message(t.Format(TextId.MissingDeviceArgument, add ? "devices map" : "devices unmap"));

        var device = await directory.FindAsync(deviceQuery, cancellationToken);
        if (device is null)
        {
            var suggestion = DeviceDirectory.Nearest(DeviceRules.NormalizeId(deviceQuery), (await directory.AllIdsAsync(cancellationToken)));
            var text = t.Format(TextId.UnknownDevice, deviceQuery) + (suggestion is null ? "" : " " + t.Format(TextId.DidYouMean, suggestion));
            return CardParts.Message(text);
        }
        if (add)
        {
            var added = await mappings.MapAsync(context.Channel.Key, device.DeviceId, cancellationToken);
            return CardParts.Message(t.Format(added ? TextId.MapDone : TextId.MapAlready, device.Label()));
        }
        var removed = await mappings.UnmapAsync(context.Channel.Key, device.DeviceId, cancellationToken);
        return CardParts.Message(t.Format(removed ? TextId.UnmapDone : TextId.UnmapAbsent, device.Label()));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling {What} in {ChannelKey} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string what, string channelKey);
}
