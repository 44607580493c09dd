using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.Host.Tests.Support;

namespace Bot.Host.Tests.Calls;

public sealed class RestartTests
{
    [Fact]
    public async Task A_call_interrupted_after_confirming_is_failed_at_start_up_and_never_resent()
    {
        var folder = Directory.CreateTempSubdirectory("bot-restart-").FullName;
        await using (var first = await BotTestHost.StartAsync(folder: folder))
        {
            var interrupted = new Call
            {
                Id = "interrupted",
                DeviceId = "aqm0523",
                ChannelKey = "slack:C1",
                RequestedBy = new ChatUser("slack", "U1", "张三"),
                Locale = "en",
                State = CallState.Confirmed,
                CreatedAt = DateTimeOffset.UtcNow,
                ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(5),
                Attempts = 1,
            };
            await first.Get<ICallStore>().TryAddAsync(interrupted, new CallAuditEntry(interrupted.Id, interrupted.DeviceId, interrupted.ChannelKey, "slack:U1", "张三", interrupted.CreatedAt, CallEvents.Confirmed, null));
        }

        await using var second = await BotTestHost.StartAsync(folder: folder);

        var call = await second.Get<ICallStore>().FindAsync("interrupted");
        Assert.Equal(CallState.Failed, call!.State);
        Assert.Contains("restarted", call.FailureDetail);
        Assert.Contains(await second.Get<ICallStore>().AuditLogAsync(5), a => a.Event == CallEvents.Interrupted);
    }
}
