// Spec: docs/protocols/slack.md "Calls to Slack": ~1 message per second per channel.
namespace Bot.Slack;

/// <summary>
/// One channel's next free slot. One call at a time per channel, and the interval counts from Slack's
/// answer (measured here, when it arrives): the next request then reaches Slack at least an interval after
/// the previous one did.
/// </summary>
internal sealed class SlackChannelPace
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(1);

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _gate = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    public async Task WaitTurnAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            // A timer may fire a little before the clock reaches the slot: wait until it has.
            while (true)
            {
                TimeSpan wait;
                lock (_gate) wait = _next - time.GetUtcNow();
                if (wait <= TimeSpan.Zero) break;
                await Task.Delay(wait < MinimumWait ? MinimumWait : wait, time, cancellationToken);
            }
        }
        catch
        {
            _turn.Release();
            throw;
        }
    }

    public void EndTurn(TimeProvider time, TimeSpan interval)
    {
        var next = time.GetUtcNow() + interval;
        lock (_gate) if (next > _next) _next = next;
        _turn.Release();
    }

    public void Hold(TimeProvider time, TimeSpan retryAfter)
    {
        var until = time.GetUtcNow() + retryAfter;
        lock (_gate) if (until > _next) _next = until;
    }
}
