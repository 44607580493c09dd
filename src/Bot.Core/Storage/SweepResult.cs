namespace Bot.Core.Storage;

/// <summary>What one sweep removed.</summary>
public sealed record SweepResult(int Alarms, int Deliveries, int Calls, int AuditLines)
{
    public int Total => Alarms + Deliveries + Calls + AuditLines;
}
