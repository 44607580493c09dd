namespace Bot.StandIns.Teams;

/// <summary>A person in Teams: the channel's id, the AAD object id and a display name.</summary>
public sealed record TeamsPerson(string Id, string AadObjectId, string Name)
{
    public static readonly TeamsPerson Alice = new("29:1AliceChannelId", "6f1a2b3c-0000-4000-8000-00000000a11c", "Alice Li");
    public static readonly TeamsPerson Bob = new("29:1BobChannelId", "6f1a2b3c-0000-4000-8000-000000000b0b", "Bob Wang");
}
