namespace Bot.Core;

/// <summary>
/// Exponential backoff, the one rule of every retry loop in the bot: <see cref="First"/>, twice that, four
/// times that … never more than <see cref="Max"/>. A platform's own Retry-After is honoured by the caller.
/// </summary>
public sealed record Backoff(TimeSpan First, TimeSpan Max)
{
    /// <summary>The wait before retry number <paramref name="attempt"/> (1 = the first retry).</summary>
    public TimeSpan After(int attempt)
    {
        var ticks = First.Ticks * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(ticks, Max.Ticks));
    }

    /// <summary><see cref="After"/> scaled to between 50% and 100%, so many clients retrying at once spread out.</summary>
    public TimeSpan Jittered(int attempt) => After(attempt) * (0.5 + Random.Shared.NextDouble() / 2);
}
