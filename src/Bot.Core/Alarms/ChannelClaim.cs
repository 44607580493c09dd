namespace Bot.Core.Alarms;

/// <summary>
/// The answer to a claim. Held: this replica posts to the scope, but not before <see cref="Wait"/> from now (the previous
/// holder's pacing). Not held: another replica has it for at least <see cref="Wait"/> more.
/// </summary>
public sealed record ChannelClaim(bool Held, TimeSpan Wait)
{
    public static readonly ChannelClaim Now = new(true, TimeSpan.Zero);
}
