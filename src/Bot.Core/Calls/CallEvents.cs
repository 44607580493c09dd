namespace Bot.Core.Calls;

public static class CallEvents
{
    public const string Requested = "requested";
    public const string RefusedUnknownDevice = "refused-unknown-device";
    public const string RefusedNotMapped = "refused-not-mapped";
    public const string Confirmed = "confirmed";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
    public const string Expired = "expired";
    public const string Interrupted = "interrupted";
}
