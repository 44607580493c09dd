namespace Bot.Core.Channels;

/// <summary>A person on a chat platform, as the platform identifies them.</summary>
public sealed record ChatUser(string Platform, string Id, string Name)
{
    public string Key => $"{Platform}:{Id}";
}
