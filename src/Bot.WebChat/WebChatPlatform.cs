namespace Bot.WebChat;

/// <summary>The web chat's platform name: stored with channels and users and the first part of their keys (<c>web:playground</c>).</summary>
public static class WebChatPlatform
{
    public const string Name = "web";
}
