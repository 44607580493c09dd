using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Core.Alarms;

/// <summary>
/// Silencing a device: from an alarm card, the admin API or <c>unsilence</c>. While silenced, the intake holds back the
/// device's new alarms (stored and listed, not posted); when the silence ends (by itself on the clock, or early), every
/// channel that had alarms held back, and the one it was set from, gets one line saying how many came meanwhile.
/// </summary>
public sealed partial class DeviceSilences(
    ISilenceStore store,
    IAlarmQueries alarms,
    DeviceDirectory directory,
    IChannelStore channels,
    ChatSurfaces surfaces,
    AlarmCards cards,
    IOptions<BotOptions> botOptions,
    TimeProvider time,
    ILogger<DeviceSilences> log)
{
    /// <summary>The longest silence the admin API sets (the card offers at most 24 hours).</summary>
    public static readonly TimeSpan MaxSilence = TimeSpan.FromDays(7);

    public async Task<DeviceSilence> SilenceAsync(string deviceId, TimeSpan length, ChatUser by, string channelKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var silence = await store.SilenceAsync(new DeviceSilence(deviceId, now, now + length, by, channelKey), cancellationToken);
        LogSilenced(log, deviceId, silence.Until, by.Key, channelKey);
        return silence;
    }

    /// <summary>The answer to a click on a Silence choice: a note for the clicker; the card stays as it is.</summary>
    public async Task<ActionResult> SilenceFromCardAsync(Alarm alarm, int minutes, ChatContext context, Texts t, CancellationToken cancellationToken)
    {
        if (alarm.DeviceId is not { } deviceId || await directory.FindAsync(deviceId, cancellationToken) is not { } device)
            return ActionResult.Note(t[TextId.SilenceNoDevice]);
        var silence = await SilenceAsync(deviceId, TimeSpan.FromMinutes(minutes), context.User, context.Channel.Key, cancellationToken);
        return ActionResult.Note(t.Format(TextId.SilenceDone, device.Label(), cards.Show(silence.Until), device.DeviceId));
    }

    /// <summary><c>silences</c>: the running silences of the channel's devices.</summary>
    public async Task<BotReply> ListAsync(string channelKey, Texts t, CancellationToken cancellationToken)
    {
        var mine = (await directory.InChannelAsync(channelKey, cancellationToken)).ToDictionary(d => d.DeviceId, StringComparer.Ordinal);
        var running = (await store.ActiveListAsync(time.GetUtcNow(), cancellationToken)).Where(s => mine.ContainsKey(s.DeviceId)).ToList();
        if (running.Count == 0) return CardParts.Message(t[TextId.SilencesNone], t[TextId.SilencesTitle]);
        var lines = running.Select(s => t.Format(TextId.SilenceLine, mine[s.DeviceId].Label(), cards.Show(s.Until), s.By.Name)).ToList();
        return CardParts.Message(string.Join("\n", lines), t[TextId.SilencesTitle]);
    }

    /// <summary><c>unsilence &lt;device&gt;</c>: by people of a channel the device is mapped to, or admins; announced at once.</summary>
    public async Task<BotReply> UnsilenceAsync(ChatContext context, string? deviceQuery, Texts t, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(deviceQuery)) return CardParts.Message(t.Format(TextId.MissingDeviceArgument, "unsilence"));
        var device = await directory.FindAsync(DeviceRules.NormalizeId(deviceQuery), cancellationToken);
        if (device is null || !context.IsAdmin && !await directory.IsMappedAsync(device.DeviceId, context.Channel.Key, cancellationToken))
            return CardParts.Message(device is null ? t.Format(TextId.UnknownDevice, deviceQuery) : t.Format(TextId.NotMappedHere, device.Label()));
        if (await store.EndAsync(device.DeviceId, time.GetUtcNow(), context.User, cancellationToken) is null)
            return CardParts.Message(t.Format(TextId.UnsilenceNone, device.Label()));
        LogUnsilenced(log, device.DeviceId, context.User.Key);
        await AnnounceEndedAsync(cancellationToken);
        return CardParts.Message(t.Format(TextId.UnsilenceDone, device.Label()));
    }

    /// <summary>Ends a device's silence for the admin API; announced at once. False: none was running.</summary>
    public async Task<bool> EndAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (await store.EndAsync(deviceId, time.GetUtcNow(), null, cancellationToken) is null) return false;
        await AnnounceEndedAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Tells the channels of every silence that is over and not yet announced how many alarms came meanwhile (in the
    /// channel's language). Stored first, announced after: a restart in between announces it then. Each ended silence is
    /// claimed in the store first, so when several replicas (or a click and the timer) look at once, one of them announces it.
    /// </summary>
    public async Task AnnounceEndedAsync(CancellationToken cancellationToken)
    {
        var t = Texts.For(null, botOptions.Value.DefaultLocale);
        foreach (var silence in await store.ClaimEndedAsync(time.GetUtcNow(), cancellationToken))
        {
            var held = await alarms.HeldByChannelAsync(silence.DeviceId, silence.Since, silence.Until, cancellationToken);
            var label = (await directory.FindAsync(silence.DeviceId, cancellationToken))?.Label() ?? silence.DeviceId;
            // A silence set through the admin API has no channel of its own: only the channels with alarms held back hear of it.
            foreach (var key in held.Keys.Append(silence.ChannelKey).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal))
            {
                var count = held.GetValueOrDefault(key);
                var text = silence.EndedBy is { } by ? t.Format(TextId.SilenceEndedEarly, label, count, by.Name) : t.Format(TextId.SilenceEnded, label, count);
                var channel = await channels.FindAsync(key, cancellationToken) ?? ChannelKeys.Parse(key);
                var outcome = channel is not null && surfaces.For(channel.Platform) is { } surface
                    ? await surface.PostAsync(channel, CardParts.Message(text), cancellationToken)
                    : new PostOutcome.Permanent($"no surface for {key}");
                if (outcome is not PostOutcome.Posted) LogNotAnnounced(log, silence.DeviceId, key, outcome.ToString());
            }
            await store.MarkAnnouncedAsync(silence.DeviceId, silence.Until, cancellationToken);
            LogEnded(log, silence.DeviceId, held.Values.Sum());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} silenced until {Until} by {UserKey} in {ChannelKey}")]
    private static partial void LogSilenced(ILogger logger, string deviceId, DateTimeOffset until, string userKey, string channelKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {DeviceId} unsilenced by {UserKey}")]
    private static partial void LogUnsilenced(ILogger logger, string deviceId, string userKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silence of {DeviceId} over; {Held} alarm card(s) were held back")]
    private static partial void LogEnded(ILogger logger, string deviceId, int held);

    [LoggerMessage(Level = LogLevel.Warning, Message = "End of the silence of {DeviceId} not announced in {ChannelKey}: {Outcome}")]
    private static partial void LogNotAnnounced(ILogger logger, string deviceId, string channelKey, string outcome);
}
