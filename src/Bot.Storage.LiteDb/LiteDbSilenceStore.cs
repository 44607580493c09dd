using Bot.Core.Alarms;
using Bot.Core.Channels;
using LiteDB;

namespace Bot.Storage.LiteDb;

/// <summary>Device silences in the bot's LiteDB file; each change is one write.</summary>
public sealed class LiteDbSilenceStore : ISilenceStore
{
    /// <summary>How long a caller announcing a silence's end holds it (one that dies leaves it to the next look after this).</summary>
    public static readonly TimeSpan AnnounceHold = TimeSpan.FromSeconds(30);

    private readonly BotDatabase _db;
    private readonly ILiteCollection<SilenceDocument> _silences;

    public LiteDbSilenceStore(BotDatabase db)
    {
        _db = db;
        _silences = db.Collection<SilenceDocument>(AlarmCollections.Silences);
        _silences.EnsureIndex(s => s.Until);
    }

    public Task<DeviceSilence> SilenceAsync(DeviceSilence silence, CancellationToken cancellationToken = default) =>
        _db.WriteAsync(() =>
        {
            var since = Instants.ToStored(silence.Since);
            // A silence still running is extended or shortened, and what came meanwhile still counts from its start.
            if (_silences.FindById(silence.DeviceId) is { } running && running.Until > since) since = running.Since;
            var document = new SilenceDocument
            {
                DeviceId = silence.DeviceId, Since = since, Until = Instants.ToStored(silence.Until),
                Platform = silence.By.Platform, UserId = silence.By.Id, UserName = silence.By.Name, ChannelKey = silence.ChannelKey,
            };
            _silences.Upsert(document);
            return ToSilence(document);
        });

    public Task<DeviceSilence?> ActiveAsync(string deviceId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult(_silences.FindById(deviceId) is { } d && d.Until > Instants.ToStored(now) ? ToSilence(d) : null);

    public Task<IReadOnlyList<DeviceSilence>> ActiveListAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var at = Instants.ToStored(now);
        return Task.FromResult<IReadOnlyList<DeviceSilence>>(_silences.Find(s => s.Until > at).OrderBy(s => s.Until).Select(ToSilence).ToList());
    }

    public Task<DeviceSilence?> EndAsync(string deviceId, DateTimeOffset now, ChatUser? by, CancellationToken cancellationToken = default) =>
        _db.WriteAsync(() =>
        {
            var at = Instants.ToStored(now);
            if (_silences.FindById(deviceId) is not { } d || d.Until <= at) return null;
            d.Until = at;
            (d.EndedByPlatform, d.EndedById, d.EndedByName) = (by?.Platform, by?.Id, by?.Name);
            _silences.Update(d);
            return ToSilence(d);
        });

    // In one write: of two callers at once (the timer and an unsilence), one gets each silence.
    public Task<IReadOnlyList<DeviceSilence>> ClaimEndedAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        _db.WriteAsync<IReadOnlyList<DeviceSilence>>(() =>
        {
            var at = Instants.ToStored(now);
            var ended = _silences.Find(s => s.Until <= at && s.Announced == false && s.HeldUntil <= at).OrderBy(s => s.Until).ToList();
            foreach (var d in ended)
            {
                d.HeldUntil = at + (long)AnnounceHold.TotalMilliseconds;
                _silences.Update(d);
            }
            return ended.Select(ToSilence).ToList();
        });

    public Task<DateTimeOffset?> NextEndAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var at = Instants.ToStored(now);
        var next = _silences.Find(s => s.Until > at).Select(s => (long?)s.Until).Min();
        return Task.FromResult(Instants.FromStored(next));
    }

    public Task MarkAnnouncedAsync(string deviceId, DateTimeOffset until, CancellationToken cancellationToken = default) =>
        _db.WriteAsync(() =>
        {
            // Only the silence that was announced: a newer one for the device waits for its own end.
            if (_silences.FindById(deviceId) is not { } d || d.Until != Instants.ToStored(until)) return;
            d.Announced = true;
            _silences.Update(d);
        });

    private static DeviceSilence ToSilence(SilenceDocument d) =>
        new(d.DeviceId, Instants.FromStored(d.Since), Instants.FromStored(d.Until), new ChatUser(d.Platform, d.UserId, d.UserName), d.ChannelKey)
        {
            EndedBy = d.EndedById is null ? null : new ChatUser(d.EndedByPlatform ?? "", d.EndedById, d.EndedByName ?? ""),
            Announced = d.Announced,
        };
}
