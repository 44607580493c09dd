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
