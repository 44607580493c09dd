using Bot.Core.Calls;
using Microsoft.Extensions.Logging;

namespace Bot.Isdp;

/// <summary>Log events of the ISDP client. None of them takes a token, a secret or a password.</summary>
internal static partial class IsdpLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "ISDP token issued, valid {ExpiresInSeconds} s")]
    public static partial void TokenIssued(ILogger logger, long expiresInSeconds);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "ISDP token request failed: {Kind} (HTTP {HttpStatus}) {Detail}")]
    public static partial void TokenFailed(ILogger logger, TransportFailure kind, int? httpStatus, string detail);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "ISDP answered 401 to the invite for {DeviceId}; renewing the token and retrying once")]
    public static partial void TokenRejected(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Invite for {DeviceId} not sent: its chatJid holds characters an XMPP stanza cannot carry")]
    public static partial void ChatJidUnusable(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "ISDP invite for {DeviceId} sent (stanza {StanzaId})")]
    public static partial void InviteSent(ILogger logger, string deviceId, string stanzaId);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning, Message = "ISDP refused the invite for {DeviceId} (stanza {StanzaId}): stateCode {StateCode}, {ErrorMessage}")]
    public static partial void InviteRefused(ILogger logger, string deviceId, string stanzaId, string stateCode, string? errorMessage);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "ISDP invite for {DeviceId} (stanza {StanzaId}) failed: {Kind} (HTTP {HttpStatus}) {Detail}")]
    public static partial void InviteFailed(ILogger logger, string deviceId, string stanzaId, TransportFailure kind, int? httpStatus, string detail);
}
