using System.Collections.Frozen;

namespace Bot.Core.Text;

/// <summary>
/// The one place where the bot's words live, in English and Simplified Chinese.
/// Placeholders are <c>{0}</c>-style; both languages must use the same ones (a test checks).
/// </summary>
public static class TextCatalog
{
    public static readonly FrozenDictionary<TextId, (string En, string Zh)> Entries = new Dictionary<TextId, (string, string)>
    {
        [TextId.ConfirmTitle] = ("Call {0}?", "呼叫 {0}?"),
        [TextId.ConfirmPrompt] = ("This sends a remote invite to the device. Only {0} can confirm.", "将向设备发送远端呼叫邀请。仅 {0} 可以确认。"),
        [TextId.FactDevice] = ("Device", "设备"),
        [TextId.FactIsdpDevice] = ("ISDP device id", "ISDP 设备 ID"),
        [TextId.FactRequestedBy] = ("Requested by", "发起人"),
        [TextId.FactRequestedAt] = ("Requested at", "发起时间"),
        [TextId.FactExpiresAt] = ("Expires at", "过期时间"),
        [TextId.ActionCall] = ("Call", "呼叫"),
        [TextId.ActionCancel] = ("Cancel", "取消"),
        [TextId.ActionRetry] = ("Retry", "重试"),
        [TextId.CallingTitle] = ("Calling {0}…", "正在呼叫 {0}…"),
        [TextId.CallingBody] = ("The invite is on its way to ISDP.", "呼叫邀请正在发送至 ISDP。"),
        [TextId.SentTitle] = ("Invite sent to {0}", "已向 {0} 发送呼叫邀请"),
        [TextId.SentBody] = ("Confirmed by {0} at {1}.", "由 {0} 于 {1} 确认。"),
        [TextId.FailedTitle] = ("Call to {0} failed", "呼叫 {0} 失败"),
        [TextId.FailedRefused] = ("ISDP refused the invite: {0}", "ISDP 拒绝了呼叫邀请:{0}"),
        [TextId.FailedTransport] = ("ISDP could not be reached: {0}", "无法连接 ISDP:{0}"),
        [TextId.FailedInterrupted] = ("The bot restarted before ISDP answered; the invite may or may not have been sent.", "机器人在 ISDP 应答前重启,呼叫邀请可能未发送。"),
        [TextId.ExpiredTitle] = ("Call to {0} expired", "呼叫 {0} 已过期"),
        [TextId.ExpiredBody] = ("Nobody confirmed within {0} minutes. Type the command again to call.", "{0} 分钟内未确认。如需呼叫,请重新输入命令。"),
        [TextId.CancelledTitle] = ("Call to {0} cancelled", "已取消呼叫 {0}"),
        [TextId.CancelledBody] = ("Cancelled by {0}.", "由 {0} 取消。"),
        [TextId.NotYourCall] = ("Only {0}, who asked for this call, can confirm or cancel it.", "仅发起人 {0} 可以确认或取消此呼叫。"),
        [TextId.CallAlreadyHandled] = ("This call has already been handled.", "此呼叫已处理。"),
        [TextId.CallNotFound] = ("This call no longer exists.", "此呼叫已不存在。"),
        [TextId.UnknownDevice] = ("There is no device called {0}.", "没有名为 {0} 的设备。"),
        [TextId.DidYouMean] = ("Did you mean {0}?", "您是不是要找 {0}?"),
        [TextId.NotMappedHere] = ("{0} is not mapped to this channel, so it can't be called from here.", "{0} 未关联到此频道,无法在此呼叫。"),
        [TextId.MappedHereList] = ("Devices in this channel: {0}", "此频道的设备:{0}"),
        [TextId.NoDevicesHere] = ("No devices are mapped to this channel yet. An admin can add one with `devices map <device>`.", "此频道尚未关联任何设备。管理员可使用 `devices map <设备>` 添加。"),
        [TextId.DevicesTitle] = ("Devices in this channel", "此频道的设备"),
        [TextId.DevicesIntro] = ("{0} device(s). Pick one to call.", "共 {0} 台设备。选择一台进行呼叫。"),
        [TextId.MapDone] = ("{0} is now mapped to this channel.", "已将 {0} 关联到此频道。"),
        [TextId.MapAlready] = ("{0} was already mapped to this channel.", "{0} 已关联到此频道。"),
        [TextId.UnmapDone] = ("{0} is no longer mapped to this channel.", "已取消 {0} 与此频道的关联。"),
        [TextId.UnmapAbsent] = ("{0} was not mapped to this channel.", "{0} 未关联到此频道。"),
        [TextId.AdminOnly] = ("Only the bot's admins can change this channel's devices.", "仅机器人管理员可以更改此频道的设备。"),
        [TextId.MissingDeviceArgument] = ("Name a device, e.g. `{0} aqm0523`.", "请指定设备,例如 `{0} aqm0523`。"),
        [TextId.HelpTitle] = ("What I can do", "我能做什么"),
        [TextId.HelpCall] = ("`call <device>`: call a device (you confirm first)", "`call <设备>`:呼叫设备(需先确认)"),
        [TextId.HelpDevices] = ("`devices`: list this channel's devices", "`devices`:列出此频道的设备"),
        [TextId.HelpMap] = ("`devices map <device>`: map a device to this channel (admins)", "`devices map <设备>`:将设备关联到此频道(管理员)"),
        [TextId.HelpUnmap] = ("`devices unmap <device>`: remove a device from this channel (admins)", "`devices unmap <设备>`:取消设备与此频道的关联(管理员)"),
        [TextId.HelpHelp] = ("`help`: this list", "`help`:显示此列表"),
        [TextId.UnknownCommand] = ("I don't know \"{0}\".", "无法识别“{0}”。"),
        [TextId.AlarmTitleDevice] = ("Device alarm: {0}", "设备告警:{0}"),
        [TextId.AlarmTitleFamily] = ("Family notice: {0}", "家庭通知:{0}"),
        [TextId.AlarmTitleNotice] = ("Notice: {0}", "通知:{0}"),
        [TextId.FactCategory] = ("Category", "类别"),
        [TextId.FactTime] = ("Time", "时间"),
        [TextId.FactFamily] = ("Family", "家庭"),
        [TextId.CategoryDevice] = ("Device", "设备"),
        [TextId.CategoryFamily] = ("Family", "家庭"),
        [TextId.CategoryNotice] = ("Notification", "通知"),
        [TextId.ActionAcknowledge] = ("Acknowledge", "确认收到"),
        [TextId.ActionCallDevice] = ("Call device", "呼叫设备"),
        [TextId.AcknowledgedBy] = ("Acknowledged by {0} at {1}", "已由 {0} 于 {1} 确认"),
        [TextId.AlreadyAcknowledgedBy] = ("{0} already acknowledged this alarm at {1}.", "{0} 已于 {1} 确认此告警。"),
        [TextId.AlarmNotFound] = ("This alarm no longer exists.", "此告警已不存在。"),
        [TextId.SomethingWentWrong] = ("Something went wrong on our side; nothing was changed. Please try again.", "服务内部出错,未做任何更改。请重试。"),
    }.ToFrozenDictionary();
}
