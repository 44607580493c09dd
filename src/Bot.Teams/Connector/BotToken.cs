// Spec: docs/protocols/teams-bot-framework.md, "Calls to the channel": client-credentials token for the connector,
// cached until shortly before expiry (MSAL's confidential client keeps the cache).

namespace Bot.Teams.Connector;

/// <summary>What asking for the bot's own token came to.</summary>
public abstract record BotToken
{
    private BotToken() { }

    public sealed record Issued(string AccessToken) : BotToken;
    /// <summary>Refused for good (wrong app id or password, unknown tenant): a person must fix the settings.</summary>
    public sealed record Refused(string Reason) : BotToken;
    public sealed record Unavailable(string Reason) : BotToken;
}
