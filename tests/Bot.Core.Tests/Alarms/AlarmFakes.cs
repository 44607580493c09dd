using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Storage;

namespace Bot.Core.Tests.Alarms;

/// <summary>A message list that pages like Tencent's: newest first, strictly older than the given position.</summary>
internal sealed class ListSource : IAlarmSource
{
    public List<AlarmMessage> Messages { get; } = [];
    public List<(int Category, AlarmPosition? Before, int Limit)> Reads { get; } = [];
    /// <summary>When set, every page ignores <c>before</c> (a server that does not page).</summary>
    public bool IgnoresPaging { get; set; }

    public Task<AlarmPage> ReadAsync(int category, AlarmPosition? before, int limit, CancellationToken cancellationToken)
    {
        Reads.Add((category, before, limit));
        var older = Messages.Where(m => m.Category == category).OrderByDescending(m => m.Position)
            .Where(m => IgnoresPaging || before is null || m.Position < before.Value).ToList();
        return Task.FromResult(new AlarmPage(older.Take(limit).ToList(), IgnoresPaging ? false : older.Count <= limit));
    }

    public static AlarmMessage Message(long id, int category = 1, long? timestamp = null, string productId = "", string deviceName = "", string familyId = "") => new()
    {
        MsgId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Category = category,
        Timestamp = timestamp ?? 1_700_000_000_000 + id,
        Title = $"m{id}",
        ProductId = productId,
        DeviceName = deviceName,
        FamilyId = familyId,
    };
}

/// <summary>Only what the poller and the acknowledger use; everything else is not part of these tests.</summary>
internal sealed class RecordingAlarmStore : IAlarmStore
{
    public Dictionary<int, AlarmPosition> Cursors { get; } = [];
    public List<(int Category, IReadOnlyList<NewAlarm> Alarms, AlarmPosition Cursor)> Takes { get; } = [];
    public Dictionary<string, Alarm> Alarms { get; } = [];

    public Task<AlarmPosition?> CursorAsync(int category, CancellationToken cancellationToken = default) =>
        Task.FromResult(Cursors.TryGetValue(category, out var c) ? c : (AlarmPosition?)null);

    public Task<IntakeResult> TakeAsync(int category, IReadOnlyList<NewAlarm> oldestFirst, AlarmPosition cursor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Takes.Add((category, oldestFirst, cursor));
        Cursors[category] = cursor;
        var stored = 0;
        foreach (var a in oldestFirst)
            if (Alarms.TryAdd(a.Message.MsgId, new Alarm { Id = a.Message.MsgId, Message = a.Message, DeviceId = a.DeviceId, Channels = a.Channels })) stored++;
        return Task.FromResult(new IntakeResult(stored, oldestFirst.Count - stored));
    }

    public Task<Alarm?> FindAsync(string alarmId, CancellationToken cancellationToken = default) => Task.FromResult(Alarms.GetValueOrDefault(alarmId));

    public Task<AcknowledgeOutcome> TryAcknowledgeAsync(string alarmId, Acknowledgement acknowledgement, string? answeredMessageRef = null, CancellationToken cancellationToken = default)
    {
        if (!Alarms.TryGetValue(alarmId, out var alarm)) return Task.FromResult(new AcknowledgeOutcome(false, null));
        if (alarm.Acknowledgement is not null) return Task.FromResult(new AcknowledgeOutcome(false, alarm));
        Alarms[alarmId] = alarm with { Acknowledgement = acknowledgement };
        return Task.FromResult(new AcknowledgeOutcome(true, Alarms[alarmId]));
    }

    public Task<IReadOnlyDictionary<int, AlarmPosition>> CursorsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<Alarm>> RecentAsync(int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<Alarm>> UnroutableAsync(int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<Alarm>> AcknowledgedAsync(int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<AlarmDelivery>> DeliveriesOfAsync(string alarmId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<AlarmDelivery>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<string>> ChannelsWithDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<AlarmDelivery>> DueInChannelAsync(string channelKey, DateTimeOffset now, int max, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkPostedAsync(string deliveryId, string messageRef, bool showedAcknowledgement, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkRefreshedAsync(string deliveryId, bool showedAcknowledgement, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkRetryAsync(string deliveryId, string reason, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkFailedAsync(string deliveryId, string reason, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

/// <summary>Devices, device mappings and family mappings in memory.</summary>
internal sealed class FakeDirectory : IDeviceStore, IMappingStore, IFamilyMappingStore
{
    public List<Device> Devices { get; } = [];
    public List<ChannelDeviceMapping> Mappings { get; } = [];
    public List<FamilyMapping> Families { get; } = [];

    public Task<Device?> FindAsync(string deviceId, CancellationToken cancellationToken = default) => Task.FromResult(Devices.FirstOrDefault(d => d.DeviceId == deviceId));
    public Task<IReadOnlyList<Device>> AllAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Device>>(Devices);
    public Task<IReadOnlyList<Device>> FindByTencentAsync(string productId, string deviceName, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Device>>(Devices.Where(d => d.Tencent == new TencentIdentity(productId, deviceName)).ToList());
    public Task<bool> UpsertAsync(Device device, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<bool> RemoveAsync(string deviceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<int> UpsertManyAsync(IReadOnlyList<Device> devices, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<int> MapManyAsync(IReadOnlyList<Channel> channels, IReadOnlyList<ChannelDeviceMapping> mappings, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<string>> ChannelsOfAsync(string deviceId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(Mappings.Where(m => m.DeviceId == deviceId).Select(m => m.ChannelKey).ToList());
    Task<IReadOnlyList<string>> IFamilyMappingStore.ChannelsOfAsync(string familyId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Families.Where(m => m.FamilyId == familyId).Select(m => m.ChannelKey).ToList());
    public Task<bool> MapAsync(string channelKey, string deviceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<bool> UnmapAsync(string channelKey, string deviceId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<string>> DevicesOfAsync(string channelKey, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    Task<IReadOnlyList<ChannelDeviceMapping>> IMappingStore.AllAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ChannelDeviceMapping>>(Mappings);
    Task<IReadOnlyList<FamilyMapping>> IFamilyMappingStore.AllAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<FamilyMapping>>(Families);
    Task<bool> IFamilyMappingStore.MapAsync(string channelKey, string familyId, CancellationToken cancellationToken) => throw new NotSupportedException();
    Task<bool> IFamilyMappingStore.UnmapAsync(string channelKey, string familyId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public static Device Lamp => new()
    {
        DeviceId = "lamp01", IsdpDeviceId = "lamp01--1", ChatJid = "lamp01@isdp.example.com", Alias = "Lamp",
        Tencent = new TencentIdentity("22F9Y6II7O", "light1"),
    };
}
