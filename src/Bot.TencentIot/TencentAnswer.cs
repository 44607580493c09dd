using System.Text.Json;

namespace Bot.TencentIot;

/// <summary>What Tencent answered: <see cref="Data"/> on success, else <see cref="ErrorCode"/>.</summary>
public sealed record TencentAnswer(JsonElement? Data, string? ErrorCode, string? ErrorMessage, string? RequestId)
{
    public bool Succeeded => ErrorCode is null;
}
