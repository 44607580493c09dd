namespace Bot.Core.Devices;

/// <summary>
/// One physical device as both upstream platforms know it: ISDP for calls (isdp.md §3),
/// optionally the alarm source for alarms (<see cref="AlarmSource"/>).
/// </summary>
public sealed record Device
{
    /// <summary>What people type: <c>/call aqm0523</c>. Stored lower-case.</summary>
    public required string DeviceId { get; init; }
    public required string IsdpDeviceId { get; init; }
    /// <summary>The device's chat address on the site's XMPP server, <c>local@domain</c>.</summary>
    public required string ChatJid { get; init; }
    public string? Alias { get; init; }
    /// <summary>
    /// The device as the alarm source names it; in the seed file and the admin API under the field name the
    /// source chose (<see cref="DeviceJson.AlarmSourceField"/>).
    /// </summary>
    public SourceIdentity? AlarmSource { get; init; }

    /// <summary>How people see the device named: <c>Pump room (aqm0523)</c>, or the id alone.</summary>
    public string Label() => string.IsNullOrWhiteSpace(Alias) ? DeviceId : $"{Alias} ({DeviceId})";
}
