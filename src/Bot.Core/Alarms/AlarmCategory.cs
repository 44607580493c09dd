namespace Bot.Core.Alarms;

/// <summary>What an alarm is about; decides where it goes and how its card looks. Stored as the number.</summary>
public enum AlarmCategory
{
    /// <summary>One device: goes to the channels mapped to the device.</summary>
    Device = 1,
    /// <summary>A family (a group of people and their devices): goes to the channels mapped to the family.</summary>
    Family = 2,
    /// <summary>A notice for everyone: goes to <c>Alarms:NotificationChannels</c> (and the named device's channels).</summary>
    Notification = 3,
}
