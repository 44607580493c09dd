// Spec: docs/protocols/isdp.md §1–2: failures that leave no verdict from ISDP.
using Bot.Core.Calls;

namespace Bot.Isdp;

/// <summary>An exchange with ISDP ended without an answer we can use. Never carries a token or password.</summary>
public sealed class IsdpTransportException(TransportFailure kind, int? httpStatus, string detail, Exception? inner = null)
    : Exception(detail, inner)
{
    public TransportFailure Kind { get; } = kind;
    public int? HttpStatus { get; } = httpStatus;
}
