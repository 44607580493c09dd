// Spec: docs/protocols/slack.md; users.info with include_locale=true (scope users:read).

namespace Bot.Slack;

/// <summary>What Slack says about a person: locale (<c>zh-CN</c>, <c>en-US</c>) and display name, either may be unknown.</summary>
public sealed record SlackPerson(string? Locale, string? Name);
