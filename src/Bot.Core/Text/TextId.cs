namespace Bot.Core.Text;

/// <summary>Every sentence a person reads on a card or in a reply. Their words are in <see cref="TextCatalog"/>.</summary>
public enum TextId
{
    // Calls
    ConfirmTitle,
    ConfirmPrompt,
    FactDevice,
    FactIsdpDevice,
    FactRequestedBy,
    FactRequestedAt,
    FactExpiresAt,
    ActionCall,
    ActionCancel,
    ActionRetry,
    CallingTitle,
    CallingBody,
    SentTitle,
    SentBody,
    FailedTitle,
    FailedRefused,
    FailedTransport,
    FailedInterrupted,
    FailedIsdpNotConfigured,
    CallSimulated,
    ExpiredTitle,
    ExpiredBody,
    CancelledTitle,
    CancelledBody,
    NotYourCall,
    CallAlreadyHandled,
    CallNotFound,
    /// <summary>Confirm or retry of a call whose device was unmapped from the call's channel since.</summary>
    CallDeviceNoLongerHere,
    /// <summary>Retry of a call that failed longer ago than the confirmation window.</summary>
    RetryTooLate,
    // Devices and mappings
    UnknownDevice,
    DidYouMean,
    NotMappedHere,
    MappedHereList,
    NoDevicesHere,
    DevicesTitle,
    DevicesIntro,
    MapDone,
    MapAlready,
    UnmapDone,
    UnmapAbsent,
    AdminOnly,
    MissingDeviceArgument,
    // Help and parsing
    HelpTitle,
    HelpCall,
    HelpDevices,
    HelpMap,
    HelpUnmap,
    HelpHelp,
    UnknownCommand,
    // Alarms
    AlarmTitleDevice,
    AlarmTitleFamily,
    AlarmTitleNotice,
    FactCategory,
    FactTime,
    FactFamily,
    CategoryDevice,
    CategoryFamily,
    CategoryNotice,
    ActionAcknowledge,
    ActionCallDevice,
    AcknowledgedBy,
    AlreadyAcknowledgedBy,
    AlarmNotFound,
    /// <summary>Acknowledge from a channel the alarm was not delivered to, by someone who is not an admin.</summary>
    AlarmNotHere,
    FactSeverity,
    SeverityWarning,
    SeverityInfo,
    // The life of an alarm: states, their buttons and who moved it
    ActionUnacknowledge,
    ActionResolve,
    ActionReopen,
    /// <summary>The state line of a firing alarm nobody has moved.</summary>
    StateFiring,
    UnacknowledgedBy,
    ResolvedBy,
    ReopenedBy,
    AlreadyUnacknowledgedBy,
    AlreadyResolvedBy,
    AlreadyReopenedBy,
    /// <summary>Unacknowledge or Reopen of an alarm nobody has moved: it is firing.</summary>
    AlarmStillFiring,
    /// <summary>Any move but Acknowledge from a channel the alarm was not delivered to, by someone who is not an admin.</summary>
    AlarmNotHereToChange,
    // Generic
    SomethingWentWrong,
    // Surfaces that translate cards into their own blocks (fewer buttons, their own confirmation dialog)
    MoreNotShown,
    DestructiveConfirmTitle,
    DestructiveConfirmText,
    /// <summary>The short note shown at once while a click is handled.</summary>
    WorkingBriefly,
    // Web chat page
    WebPageTitle,
    WebSimulated,
    WebNeedsKey,
    WebYourName,
    WebInputHint,
    WebSend,
    WebStanzaTitle,
    WebOffline,
    WebNoAnswer,
    WebOnlyYou,
    // Generic, for any surface
    /// <summary>A click is still being handled after the platform's answer deadline.</summary>
    Working,
}
