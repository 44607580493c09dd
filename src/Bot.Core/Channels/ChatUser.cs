namespace Bot.Core.Channels;

/// <summary>A person on a chat platform, as the platform identifies them.</summary>
public sealed record ChatUser(string Platform, string Id, string Name)
{
    public string Key => $"{Platform}:{Id}";
}

/// <summary>
/// Who says something where: everything a chat surface tells the Core about one request.
/// <paramref name="IsAdmin"/> is decided by the adapter from its own configuration.
/// </summary>
public sealed record ChatContext(ChatUser User, Channel Channel, string? Locale, bool IsAdmin);
