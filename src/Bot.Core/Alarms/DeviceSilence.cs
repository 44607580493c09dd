using Bot.Core.Channels;

namespace Bot.Core.Alarms;

/// <summary>
/// A device silenced until <see cref="Until"/>: its new alarms are stored and listed, not posted. Ends by itself at
/// <see cref="Until"/> or earlier with <c>unsilence</c> (then <see cref="Until"/> is when it was ended). One per device.
/// </summary>
public sealed record DeviceSilence(string DeviceId, DateTimeOffset Since, DateTimeOffset Until, ChatUser By, string ChannelKey)
{
    /// <summary>Who ended it early (null: it ran its time, or still runs).</summary>
    public ChatUser? EndedBy { get; init; }
    /// <summary>The channels were told it ended (and how many alarms came meanwhile).</summary>
    public bool Announced { get; init; }

    public bool IsActive(DateTimeOffset now) => now < Until;
}
