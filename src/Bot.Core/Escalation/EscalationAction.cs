namespace Bot.Core.Escalation;

/// <summary>What an escalation step does once its time has come and the alarm is still firing.</summary>
public enum EscalationAction
{
    /// <summary>A reply in the card's thread that mentions the channel's on-call people, so the platform notifies them.</summary>
    NotifyOnCall,
    /// <summary>The card is posted into <see cref="EscalationStepOptions.Channel"/>, where it can be acknowledged like any copy.</summary>
    PostToChannel,
    /// <summary>The previous step again every <see cref="EscalationStepOptions.EveryMinutes"/> minutes, <see cref="EscalationStepOptions.Times"/> times.</summary>
    Repeat,
}
