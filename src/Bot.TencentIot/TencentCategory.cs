// Spec: docs/protocols/tencent-iot.md §4 (AppGetMessages message fields).
using Bot.Core.Alarms;

namespace Bot.TencentIot;

/// <summary>Tencent's message categories (the <c>Category</c> field), each listed and polled on its own.</summary>
public static class TencentCategory
{
    public const int Device = 1;
    public const int Family = 2;
    public const int Notification = 3;

    public static readonly IReadOnlyList<int> All = [Device, Family, Notification];

    public static bool IsKnown(int category) => category is Device or Family or Notification;

    /// <summary>The Core's category of a Tencent category (an unknown one is a notice).</summary>
    public static AlarmCategory ToAlarmCategory(int category) => category switch
    {
        Device => AlarmCategory.Device,
        Family => AlarmCategory.Family,
        _ => AlarmCategory.Notification,
    };
}
