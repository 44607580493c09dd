using System.Collections.Frozen;

namespace Bot.Host.AdminConsole;

/// <summary>
/// The admin console's words in English and Simplified Chinese, kept like the chat's <c>TextCatalog</c>: one entry per
/// key with both languages (a test checks both are there and that the page uses only these keys).
/// </summary>
public static class ConsoleTexts
{
    public static readonly FrozenDictionary<string, (string En, string Zh)> Entries = new Dictionary<string, (string, string)>
    {
        ["title"] = ("Device bot: admin console", "设备机器人:管理控制台"),
        ["signIn"] = ("Sign in", "登录"),
        ["signOut"] = ("Sign out", "退出"),
        ["key"] = ("Admin key", "管理密钥"),
        ["keyRefused"] = ("That is not the admin key.", "管理密钥不正确。"),
        ["signInFirst"] = ("Sign in with the admin key (Admin:ApiKey).", "请使用管理密钥(Admin:ApiKey)登录。"),
        ["devices"] = ("Devices", "设备"),
        ["mappings"] = ("Mappings", "关联"),
        ["channels"] = ("Channels", "频道"),
        ["alarms"] = ("Recent alarms", "最近的告警"),
        ["audit"] = ("Call audit", "呼叫审计"),
        ["deviceId"] = ("Device id", "设备 ID"),
        ["isdpDeviceId"] = ("ISDP device id", "ISDP 设备 ID"),
        ["chatJid"] = ("Chat JID", "聊天 JID"),
        ["alias"] = ("Alias", "别名"),
        ["tencentProduct"] = ("Tencent product id", "腾讯产品 ID"),
        ["tencentDevice"] = ("Tencent device name", "腾讯设备名称"),
        ["save"] = ("Save", "保存"),
        ["edit"] = ("Edit", "编辑"),
        ["remove"] = ("Remove", "删除"),
        ["clear"] = ("Clear", "清空"),
        ["confirmRemove"] = ("Remove {0}?", "确定删除 {0}?"),
        ["channel"] = ("Channel", "频道"),
        ["device"] = ("Device", "设备"),
        ["familyId"] = ("Family id", "家庭 ID"),
        ["map"] = ("Map", "关联"),
        ["deviceMappings"] = ("Devices in channels", "频道中的设备"),
        ["familyMappings"] = ("Families in channels", "频道中的家庭"),
        ["channelHint"] = ("platform:id, e.g. slack:C0123ABCD", "平台:ID,例如 slack:C0123ABCD"),
        ["name"] = ("Name", "名称"),
        ["platform"] = ("Platform", "平台"),
        ["updated"] = ("Updated", "更新时间"),
        ["time"] = ("Time", "时间"),
        ["category"] = ("Category", "类别"),
        ["alarm"] = ("Alarm", "告警"),
        ["deliveries"] = ("Deliveries", "投递"),
        ["acknowledged"] = ("Acknowledged", "已确认"),
        ["who"] = ("Who", "人员"),
        ["event"] = ("Event", "事件"),
        ["detail"] = ("Detail", "详情"),
        ["none"] = ("Nothing yet.", "暂无。"),
        ["saved"] = ("Saved.", "已保存。"),
        ["removed"] = ("Removed.", "已删除。"),
        ["refresh"] = ("Refresh", "刷新"),
        ["onCallTab"] = ("On call", "值班"),
        ["onCallPeople"] = ("On call per channel", "各频道值班人员"),
        ["escalations"] = ("Escalations in progress", "进行中的升级"),
        ["step"] = ("Next step", "下一步"),
        ["stepOf"] = ("{0} of {1}", "{0}/{1}"),
        ["due"] = ("Due", "到期时间"),
        ["silences"] = ("Silences", "静音"),
        ["since"] = ("Since", "开始"),
        ["until"] = ("Until", "截止"),
        ["language"] = ("中文", "English"),
    }.ToFrozenDictionary();

    /// <summary>Both languages by key: <c>{"en": {...}, "zh": {...}}</c>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Both() => new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["en"] = Entries.ToDictionary(e => e.Key, e => e.Value.En),
        ["zh"] = Entries.ToDictionary(e => e.Key, e => e.Value.Zh),
    };
}
