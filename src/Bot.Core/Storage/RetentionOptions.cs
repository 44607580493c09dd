namespace Bot.Core.Storage;

/// <summary>How long stored history is kept (settings section <c>Storage</c>, beside the store's own settings).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Storage";
    public const int MaxRetentionDays = 36_500;

    /// <summary>Alarms, deliveries, acknowledgements, finished calls and audit lines older than this many days are removed daily.</summary>
    public int RetentionDays { get; set; } = 90;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);
}
