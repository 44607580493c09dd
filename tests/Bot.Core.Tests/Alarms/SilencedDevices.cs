using Bot.Core.Alarms;
using Bot.Core.Channels;

namespace Bot.Core.Tests.Alarms;

/// <summary>Only what the intake asks: is the device silenced now.</summary>
internal sealed class SilencedDevices : Dictionary<string, DateTimeOffset>, ISilenceStore
{
    public Task<DeviceSilence?> ActiveAsync(string deviceId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Task.FromResult(TryGetValue(deviceId, out var until) && now < until
            ? new DeviceSilence(deviceId, now, until, new ChatUser("slack", "U1", "Ann"), "slack:C-LAMP") : null);

    public Task<DeviceSilence> SilenceAsync(DeviceSilence silence, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<DeviceSilence>> ActiveListAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<DeviceSilence?> EndAsync(string deviceId, DateTimeOffset now, ChatUser? by, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<DeviceSilence>> ClaimEndedAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<DateTimeOffset?> NextEndAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task MarkAnnouncedAsync(string deviceId, DateTimeOffset until, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
