namespace Bot.TencentIot;

/// <summary>A Tencent call that did not succeed. The message never holds secrets or tokens.</summary>
public sealed class TencentException(string action, TencentFaultKind kind, string message, string? code = null, string? requestId = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string Action { get; } = action;
    public TencentFaultKind Kind { get; } = kind;
    public string? Code { get; } = code;
    public string? RequestId { get; } = requestId;
}
