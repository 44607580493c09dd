using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Storage;

namespace Bot.Tests.Fakes;

/// <summary>Devices, device mappings and family mappings in memory (shared by the Core and Tencent tests).</summary>
internal sealed class FakeDirectory : IDeviceStore, IMappingStore, IFamilyMappingStore
{
    public List<Device> Devices { get; } = [];
    public List<ChannelDeviceMapping> Mappings { get; } = [];
    public List<FamilyMapping> Families { get; } = [];

    public Task<Device?> FindAsync(string deviceId, CancellationToken cancellationToken = default) => Task.FromResult(Devices.FirstOrDefault(d => d.DeviceId == deviceId));
    public Task<IReadOnlyList<Device>> AllAsync(CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<Device>>(Devices);
    public Task<IReadOnlyList<Device>> FindBySourceIdentityAsync(SourceIdentity identity, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Device>>(Devices.Where(d => d.AlarmSource == identity).ToList());
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
        AlarmSource = new SourceIdentity("22F9Y6II7O", "light1"),
    };

    /// <summary>The routing tests' world: the lamp mapped to two channels, family 1 to one.</summary>
    public static FakeDirectory LampWorld()
    {
        var directory = new FakeDirectory();
        directory.Devices.Add(Lamp);
        directory.Mappings.Add(new ChannelDeviceMapping("slack:C-LAMP", "lamp01"));
        directory.Mappings.Add(new ChannelDeviceMapping("teams:19:notice", "lamp01"));
        directory.Families.Add(new FamilyMapping("slack:C-FAMILY", "1"));
        return directory;
    }

    /// <summary>A router over this directory with the routing tests' notification channels (one of them not a key).</summary>
    public AlarmRouter Router() =>
        new(this, this, this, Microsoft.Extensions.Options.Options.Create(new AlarmOptions { NotificationChannels = ["teams:19:notice", "Slack:C-ALL", "not a key"] }));
}
