using System.ComponentModel.DataAnnotations;

namespace Bot.Core;

/// <summary>Settings section <c>Bot</c>: what every surface shares.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>Language when a person's locale is unknown or neither Chinese nor English: <c>zh-CN</c> or <c>en-US</c>.</summary>
    [Required, RegularExpression("^(zh|en)([-_].+)?$", ErrorMessage = "Bot:DefaultLocale must be a Chinese (zh-…) or English (en-…) locale.")]
    public string DefaultLocale { get; set; } = "zh-CN";

    /// <summary>IANA or Windows time zone id in which times are shown.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public static readonly TimeSpan MinCallConfirmWindow = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxCallConfirmWindow = TimeSpan.FromDays(1);
    public const string CallConfirmWindowProblem = "Bot:CallConfirmWindow must be between 10 seconds and 1 day.";

    /// <summary>
    /// How long a confirmation card can be confirmed: <see cref="MinCallConfirmWindow"/> to <see cref="MaxCallConfirmWindow"/>
    /// (checked beside the attributes: a TimeSpan range attribute converts its bounds by reflection, which a native build lacks).
    /// </summary>
    public TimeSpan CallConfirmWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The secret that signs the pending call carried in a confirmation card. Optional: without it the bot makes a
    /// random key once and keeps it in its database (shared by replicas, kept across restarts). Set it only to
    /// choose the key yourself (from a secret store, never in appsettings.json); changing it voids open cards.
    /// </summary>
    public string? CallTokenSecret { get; set; }
}
