namespace Bot.TencentIot;

/// <summary>The name Tencent IoT Explorer (the alarm poller) records its outcomes under and <c>/readyz</c> shows: defined once, here.</summary>
public static class TencentHealth
{
    public const string Name = "tencent";
}
