namespace Bot.Core.Devices;

/// <summary>The same device in Tencent IoT Explorer: <c>ProductId</c> + <c>DeviceName</c>.</summary>
public sealed record TencentIdentity(string ProductId, string DeviceName);
