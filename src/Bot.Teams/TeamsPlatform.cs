namespace Bot.Teams;

/// <summary>Teams' platform name: stored with channels and users and the first part of their keys (<c>teams:19:…</c>).</summary>
public static class TeamsPlatform
{
    public const string Name = "teams";
}
