using Bot.Core;
using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.Host.Tests.Support;
using Bot.Slack;
using Bot.StandIns;

namespace Bot.Host.Tests.Calls;

/// <summary>
/// The pending call signed into its confirmation card: only a genuine, unexpired token of the person who asked stores
/// a call, one click of many stores it, and the key that signs tokens outlives the process (LiteDB and PostgreSQL).
/// </summary>
public sealed class CallTokenTests
{
    private const string Jid = "759646@saasgroupchat.isdp-saas-sit.test.huawei.com";
    private static readonly Channel Ops = new() { Platform = SlackPlatform.Name, ExternalId = "C-OPS", Name = "ops" };
    private static readonly ChatUser Zhang = new(SlackPlatform.Name, "U-ZHANG", "张三");
    private static readonly ChatUser Li = new(SlackPlatform.Name, "U-LI", "李四");

    private static ChatContext In(ChatUser user) => new(user, Ops, "en-US", IsAdmin: false);

    private static async Task<string> AskAsync(BotTestHost bot, ChatUser user)
    {
        var reply = await bot.Get<ChatRequests>().HandleTextAsync(In(user), "call aqm0523", default);
        var confirm = Assert.IsType<ExecuteAction>(reply.Card.Actions![0]);
        var cancel = Assert.IsType<ExecuteAction>(reply.Card.Actions![1]);
        Assert.Equal(confirm.Data.Id, cancel.Data.Id);
        Assert.True(CallToken.IsToken(confirm.Data.Id));
        return confirm.Data.Id;
    }

    /// <summary>Each way of changing a token: a character of the call id, of the payload, of the signature; parts dropped or swapped.</summary>
    private static IEnumerable<string> Changed(string token, string other)
    {
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var last = token.LastIndexOf('.');
        static string Flip(string s, int at) => s[..at] + (s[at] == 'a' ? 'b' : 'a') + s[(at + 1)..];
        yield return Flip(token, 0);
        yield return Flip(token, first + 1);
        yield return Flip(token, (first + last) / 2);
        yield return Flip(token, last + 1);
        yield return Flip(token, token.Length - 1);
        yield return token[..last];
        yield return token[..last] + ".";
        yield return token[..first] + other[other.IndexOf('.', StringComparison.Ordinal)..];   // another card's payload and signature under this call id
        yield return token + "A";
    }

    [Fact]
    public async Task A_changed_token_is_refused_as_expired_and_stores_nothing()
    {
        await using var isdp = await IsdpStandIn.StartAsync();
        await using var bot = await BotTestHost.StartAsync(CallFlowTests.IsdpSettings(isdp));
        await bot.AddDeviceAsync("aqm0523", "aqm0523--1", Jid, "泵房", Ops.Key);
        var token = await AskAsync(bot, Zhang);
        var other = await AskAsync(bot, Li);

        foreach (var changed in Changed(token, other))
            foreach (var verb in new[] { CardVerbs.CallConfirm, CardVerbs.CallCancel, CardVerbs.CallRetry })
            {
                var result = await bot.Get<ChatRequests>().HandleActionAsync(In(Zhang), verb, changed, default);
                Assert.Equal("This call request has expired. Type the command again to call.", result.Notice);
                Assert.Null(result.UpdatedCard);
            }

        Assert.Empty(isdp.ReceivedInvites);
        Assert.Null(await bot.Get<ICallStore>().FindAsync(CallToken.CallIdOf(token)));
        Assert.Empty(await bot.Get<ICallStore>().InStateAsync(CallState.Confirmed));
        Assert.Empty(await bot.Get<ICallStore>().InStateAsync(CallState.Cancelled));
    }

    [Fact]
    public async Task Someone_elses_token_is_refused_and_stores_nothing_and_its_owner_still_confirms_it()
    {
        await using var isdp = await IsdpStandIn.StartAsync();
        await using var bot = await BotTestHost.StartAsync(CallFlowTests.IsdpSettings(isdp));
        await bot.AddDeviceAsync("aqm0523", "aqm0523--1", Jid, "泵房", Ops.Key);
        var token = await AskAsync(bot, Zhang);

        var byLi = await bot.Get<ChatRequests>().HandleActionAsync(In(Li), CardVerbs.CallConfirm, token, default);
        Assert.Equal("Only 张三, who asked for this call, can confirm or cancel it.", byLi.Notice);
        Assert.Null(await bot.Get<ICallStore>().FindAsync(CallToken.CallIdOf(token)));

        var byZhang = await bot.Get<ChatRequests>().HandleActionAsync(In(Zhang), CardVerbs.CallConfirm, token, default);
        Assert.Contains("Invite sent", byZhang.UpdatedCard!.Text);
        Assert.Single(isdp.ReceivedInvites);
    }

    [Fact]
    public async Task A_token_from_before_a_restart_still_confirms_with_the_kept_key_and_only_once()
    {
        var folder = Directory.CreateTempSubdirectory("bot-token-").FullName;
        await using var isdp = await IsdpStandIn.StartAsync();
        string token;
        await using (var first = await BotTestHost.StartAsync(CallFlowTests.IsdpSettings(isdp), folder: folder))
        {
            await first.AddDeviceAsync("aqm0523", "aqm0523--1", Jid, "泵房", Ops.Key);
            token = await AskAsync(first, Zhang);
        }

        await using var second = await BotTestHost.StartAsync(CallFlowTests.IsdpSettings(isdp), folder: folder);
        var chat = second.Get<ChatRequests>();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => chat.HandleActionAsync(In(Zhang), CardVerbs.CallConfirm, token, default))));

        Assert.Single(isdp.ReceivedInvites);
        Assert.Equal(7, results.Count(r => r.Notice == "This call has already been handled."));
        Assert.Equal(CallState.Sent, (await second.Get<ICallStore>().FindAsync(CallToken.CallIdOf(token)))!.State);
    }

    [PostgresFact]
    public async Task On_postgres_a_token_asked_at_one_replica_confirms_at_the_other_once_and_after_a_restart()
    {
        var schema = TestPostgres.NewSchema();
        await using var isdp = await IsdpStandIn.StartAsync();
        var settings = CallFlowTests.IsdpSettings(isdp);
        settings["Storage:Provider"] = "Postgres";
        settings["ConnectionStrings:Bot"] = TestPostgres.InSchema(schema);
        try
        {
            string token;
            await using (var a = await BotTestHost.StartAsync(settings))
            await using (var b = await BotTestHost.StartAsync(settings))
            {
                await a.AddDeviceAsync("aqm0523", "aqm0523--1", Jid, "泵房", Ops.Key);
                await b.Get<Bot.Core.Devices.Inventory>().ReloadAsync();
                var first = await AskAsync(a, Zhang);
                var clicks = await Task.WhenAll(
                    Task.Run(() => a.Get<ChatRequests>().HandleActionAsync(In(Zhang), CardVerbs.CallConfirm, first, default)),
                    Task.Run(() => b.Get<ChatRequests>().HandleActionAsync(In(Zhang), CardVerbs.CallConfirm, first, default)));
                Assert.Single(isdp.ReceivedInvites);
                Assert.Single(clicks, r => r.Notice == "This call has already been handled.");
                token = await AskAsync(b, Zhang);
            }

            await using var again = await BotTestHost.StartAsync(settings);
            var late = await again.Get<ChatRequests>().HandleActionAsync(In(Zhang), CardVerbs.CallConfirm, token, default);
            Assert.Contains("Invite sent", late.UpdatedCard!.Text);
            Assert.Equal(2, isdp.ReceivedInvites.Count);
            await again.WritesSettledAsync();
            var audit = await again.Get<ICallStore>().AuditLogAsync(20);
            Assert.Contains(audit, e => e.CallId == CallToken.CallIdOf(token) && e.Event == CallEvents.Requested);
            Assert.Contains(audit, e => e.CallId == CallToken.CallIdOf(token) && e.Event == CallEvents.Sent);
        }
        finally
        {
            await TestPostgres.DropSchemaAsync(schema);
        }
    }
}
