namespace Bot.Core.Calls;

public enum TransportFailure
{
    HttpStatus,
    Timeout,
    Unreachable,
    MalformedResponse,
    Unauthorized,
}
