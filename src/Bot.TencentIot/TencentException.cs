namespace Bot.TencentIot;

public enum TencentFaultKind
{
    /// <summary>No answer in time, connection refused or reset.</summary>
    Transport,
    /// <summary>An HTTP status other than 2xx.</summary>
    HttpStatus,
    /// <summary>An answer that is not the documented JSON.</summary>
    Malformed,
    /// <summary>Tencent answered with an error code (<see cref="TencentException.Code"/>).</summary>
    Api,
}

/// <summary>A Tencent call that did not succeed. The message never holds secrets or tokens.</summary>
public sealed class TencentException(string action, TencentFaultKind kind, string message, string? code = null, string? requestId = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string Action { get; } = action;
    public TencentFaultKind Kind { get; } = kind;
    public string? Code { get; } = code;
    public string? RequestId { get; } = requestId;
}
