namespace Bot.Core.Channels;

/// <summary>
/// Who says something where: everything a chat surface tells the Core about one request.
/// <paramref name="IsAdmin"/> is decided by the adapter from its own configuration.
/// </summary>
public sealed record ChatContext(ChatUser User, Channel Channel, string? Locale, bool IsAdmin);
