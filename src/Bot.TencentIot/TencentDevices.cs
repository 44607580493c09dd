namespace Bot.TencentIot;

/// <summary>How devices name their Tencent identity in the seed file and the admin API.</summary>
public static class TencentDevices
{
    /// <summary><c>"tencent": {"productId": …, "deviceName": …}</c>, the field existing seed files use.</summary>
    public const string Field = "tencent";
}
