// Spec: docs/protocols/tencent-iot.md §4 (AppGetMessages message fields).
using System.Globalization;
using Bot.Core.Alarms;
using Bot.Core.Devices;

namespace Bot.TencentIot;

/// <summary>
/// One message of the Tencent message list, as read. Device fields are empty strings when the message
/// concerns no device; <see cref="Timestamp"/> is Unix milliseconds (UTC, so no time zone is needed).
/// </summary>
public sealed record TencentMessage
{
    /// <summary>The name alarms from Tencent carry as their source (the one it reports health under).</summary>
    public const string Source = TencentHealth.Name;

    public required string MsgId { get; init; }
    public required int Category { get; init; }
    public int MsgType { get; init; }
    public string Title { get; init; } = "";
    public string Content { get; init; } = "";
    public required long Timestamp { get; init; }
    public string ProductId { get; init; } = "";
    public string DeviceName { get; init; } = "";
    public string DeviceAlias { get; init; } = "";
    public string FamilyId { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string UserId { get; init; } = "";
    public string FromUserId { get; init; } = "";
    public string RelateUserId { get; init; } = "";
    public string CreateAt { get; init; } = "";

    public TencentPosition Position => new(Timestamp, MsgId);

    /// <summary>The device the message names, when it names one.</summary>
    public SourceIdentity? Device =>
        string.IsNullOrWhiteSpace(ProductId) || string.IsNullOrWhiteSpace(DeviceName) ? null : new SourceIdentity(ProductId.Trim(), DeviceName.Trim());

    public DateTimeOffset At => DateTimeOffset.FromUnixTimeMilliseconds(Timestamp);

    /// <summary>
    /// The message in the Core's words. A device warning is a warning, family and notification messages
    /// are information; a message without a title is titled by its MsgType.
    /// </summary>
    public IncomingAlarm ToIncoming() => new()
    {
        Id = MsgId,
        Source = Source,
        Category = TencentCategory.ToAlarmCategory(Category),
        Severity = Category == TencentCategory.Device ? AlarmSeverity.Warning : AlarmSeverity.Info,
        Title = string.IsNullOrWhiteSpace(Title) ? MsgType.ToString(CultureInfo.InvariantCulture) : Title.Trim(),
        Text = Content,
        At = At,
        Device = Device,
        DeviceAlias = DeviceAlias,
        FamilyId = FamilyId,
        FamilyName = FamilyName,
    };
}
