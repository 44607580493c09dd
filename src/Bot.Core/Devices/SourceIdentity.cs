namespace Bot.Core.Devices;

/// <summary>
/// The same device as the alarm source names it: a product and the device's name in it. Alarms that
/// carry it are routed to the channels of the bot's devices with the same identity.
/// </summary>
public sealed record SourceIdentity(string ProductId, string DeviceName)
{
    /// <summary><c>productId/deviceName</c>: how people and the store see it.</summary>
    public override string ToString() => $"{ProductId}/{DeviceName}";
}
