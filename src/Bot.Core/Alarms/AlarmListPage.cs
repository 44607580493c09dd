namespace Bot.Core.Alarms;

/// <summary>Which page of a channel's alarm list is shown: open ones only or all (resolved in the last 24 hours too).</summary>
public sealed record AlarmListPage(bool All, int Page, int Pages, int Total);
