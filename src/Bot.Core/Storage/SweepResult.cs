namespace Bot.Core.Storage;

/// <summary>What one sweep removed.</summary>
public sealed record SweepResult(int Alarms, int Deliveries, int Calls, int AuditLines)
{
    /// <summary>Escalations that were over (notified to the end or stopped) and started before the cutoff.</summary>
    public int Escalations { get; init; }
    /// <summary>Storm cards showing every alarm they hold whose latest alarm came before the cutoff.</summary>
    public int Storms { get; init; }

    public int Total => Alarms + Deliveries + Calls + AuditLines + Escalations + Storms;
}
