using System.Net.Http.Json;
using System.Text.Json;
using Bot.Core.Calls;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Storage;
using Bot.Host.Tests.Slack;
using Bot.Host.Tests.Support;
using Bot.StandIns;
using Bot.StandIns.Slack;
using Bot.Storage.LiteDb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Bot.Host.Tests.Slack.SlackHarness;

namespace Bot.Host.Tests.Calls;

/// <summary>
/// A command is answered from memory: the devices, channels and mappings come from the inventory (kept in step
/// with every write), the channel record is written only when it changed, and the pending call travels in the card
/// (a signed token), stored only when it is clicked.
/// </summary>
public sealed class CommandFastPathTests : IAsyncLifetime
{
    private const string ExpiredEn = "This call request has expired. Type the command again to call.";
    private const string ExpiredZh = "此呼叫请求已过期。如需呼叫,请重新输入命令。";

    private int _callWrites;
    private int _channelWrites;
    private SlackStandIn _slack = null!;
    private IsdpStandIn _isdp = null!;
    private BotTestHost _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await SlackStandIn.StartAsync(new SlackStandInSettings
        {
            Users = new Dictionary<string, (string, string)> { [Zhang.UserId] = ("张三", "en-US"), [Wang.UserId] = ("王五", "zh-CN") },
        });
        _isdp = await IsdpStandIn.StartAsync();
        var settings = CallFlowTests.IsdpSettings(_isdp);
        settings["Slack:SigningSecret"] = _slack.Settings.SigningSecret;
        settings["Slack:BotToken"] = _slack.Settings.BotToken;
        settings["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl;
        _bot = await BotTestHost.StartAsync(settings, b =>
        {
            b.Services.Replace(ServiceDescriptor.Singleton<ICallStore>(sp => new CountedCalls(sp.GetRequiredService<LiteDbCallStore>(), () => Interlocked.Increment(ref _callWrites))));
            b.Services.Replace(ServiceDescriptor.Singleton<IChannelStore>(sp => new CountedChannels(sp.GetRequiredService<LiteDbChannelStore>(), () => Interlocked.Increment(ref _channelWrites))));
        });
        await _bot.AddDeviceAsync("aqm0523", "aqm0523--1", Jid, "泵房", "slack:C0OPS");
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
        await _isdp.DisposeAsync();
    }

    [Fact]
    public async Task The_card_is_answered_with_no_call_stored_and_the_click_stores_it_confirmed()
    {
        var (answer, responseUrl) = await CommandAsync(Zhang, "aqm0523");

        // Answered with the pending call in the button: no call written, none stored.
        var confirm = Button(answer, "call.confirm");
        var callId = CallToken.CallIdOf(confirm.GetProperty("value").GetString()!);
        Assert.Equal(0, Volatile.Read(ref _callWrites));
        Assert.Null(await _bot.Get<LiteDbCallStore>().FindAsync(callId));

        // The click stores it Confirmed (one insert), then exactly one invite.
        await ClickAsync(Zhang, confirm, responseUrl);
        await _isdp.WaitForInvitesAsync(1, Wait);
        await PollAsync(async () => (await _bot.Get<LiteDbCallStore>().FindAsync(callId))?.State == CallState.Sent);
        await _bot.WritesSettledAsync();
        var audit = (await _bot.Get<LiteDbCallStore>().AuditLogAsync(100)).Where(e => e.CallId == callId).Select(e => e.Event).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { CallEvents.Requested, CallEvents.Confirmed, CallEvents.Sent }.Order(StringComparer.Ordinal), audit);
        Assert.Single(_isdp.ReceivedInvites);
    }

    [Theory]
    [InlineData("U0ZHANG", ExpiredEn)]
    [InlineData("U0WANG", ExpiredZh)]
    public async Task A_card_whose_token_was_changed_says_it_expired_and_stores_and_sends_nothing(string userId, string expected)
    {
        var who = userId == Zhang.UserId ? Zhang : Wang;
        var (answer, responseUrl) = await CommandAsync(who, "aqm0523");
        var confirm = Button(answer, "call.confirm");
        var token = confirm.GetProperty("value").GetString()!;
        // One character of the signed part changed (the payload's first character: the token's version and device).
        var at = token.IndexOf('.', StringComparison.Ordinal) + 1;
        var changed = token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
        var forged = JsonDocument.Parse(confirm.GetRawText().Replace(token, changed, StringComparison.Ordinal)).RootElement;

        await ClickAsync(who, forged, responseUrl);
        var notice = Assert.Single(await _slack.WaitForResponsesAsync(responseUrl, 1, Wait)).Body;
        Assert.Equal(expected, AllText(notice));
        Assert.Empty(_isdp.ReceivedInvites);
        Assert.Null(await _bot.Get<LiteDbCallStore>().FindAsync(CallToken.CallIdOf(token)));
        Assert.Equal(0, Volatile.Read(ref _callWrites));
    }

    [Fact]
    public async Task The_channel_record_is_written_only_when_something_about_it_changed()
    {
        var before = Volatile.Read(ref _channelWrites);
        await CommandAsync(Zhang, "aqm0523");     // the channel's name is new: one write
        Assert.Equal(before + 1, Volatile.Read(ref _channelWrites));

        for (var i = 0; i < 5; i++) await CommandAsync(Zhang, "aqm0523");
        await CommandAsync(Wang, "devices");
        Assert.Equal(before + 1, Volatile.Read(ref _channelWrites));

        // Renamed in Slack: written again, once.
        var renamed = Zhang with { ChannelName = "ops-renamed" };
        await CommandAsync(renamed, "aqm0523");
        await CommandAsync(renamed, "aqm0523");
        Assert.Equal(before + 2, Volatile.Read(ref _channelWrites));
        Assert.Equal("ops-renamed", (await _bot.Get<LiteDbChannelStore>().FindAsync("slack:C0OPS"))!.Name);
        Assert.Equal("ops-renamed", (await _bot.Get<Inventory>().CurrentAsync()).Channels["slack:C0OPS"].Name);
    }

    [Fact]
    public async Task The_inventory_follows_every_admin_write()
    {
        Assert.Contains("泵房 (aqm0523)", Header((await CommandAsync(Zhang, "aqm0523")).Answer));

        (await _bot.Admin.PutAsJsonAsync("/admin/devices/aqm0523", new { isdpDeviceId = "aqm0523--1", chatJid = Jid, alias = "水泵" })).EnsureSuccessStatusCode();
        Assert.Contains("水泵 (aqm0523)", Header((await CommandAsync(Zhang, "aqm0523")).Answer));

        (await _bot.Admin.DeleteAsync("/admin/mappings?channel=slack:C0OPS&device=aqm0523")).EnsureSuccessStatusCode();
        Assert.Contains("aqm0523 is not mapped to this channel", AllText((await CommandAsync(Zhang, "aqm0523")).Answer));

        (await _bot.Admin.PostAsJsonAsync("/admin/mappings", new { channel = "slack:C0OPS", device = "aqm0523" })).EnsureSuccessStatusCode();
        Assert.Contains("水泵 (aqm0523)", Header((await CommandAsync(Zhang, "aqm0523")).Answer));

        (await _bot.Admin.DeleteAsync("/admin/devices/aqm0523")).EnsureSuccessStatusCode();
        Assert.Contains("There is no device called aqm0523", AllText((await CommandAsync(Zhang, "aqm0523")).Answer));
        Assert.Empty((await _bot.Get<Inventory>().CurrentAsync()).DevicesOf("slack:C0OPS"));

        (await _bot.Admin.DeleteAsync("/admin/channels/slack:C0OPS")).EnsureSuccessStatusCode();
        Assert.False((await _bot.Get<Inventory>().CurrentAsync()).Channels.ContainsKey("slack:C0OPS"));
    }

    [Fact]
    public async Task Another_replicas_writes_show_once_the_inventory_is_told_of_them()
    {
        // Written to the store directly, as another replica would: not seen until the change is applied.
        await _bot.Get<IDeviceStore>().UpsertAsync(new Device { DeviceId = "zz0001", IsdpDeviceId = "zz0001--1", ChatJid = "1@example.com" });
        await _bot.Get<IMappingStore>().MapAsync("slack:C0OPS", "zz0001");
        var inventory = _bot.Get<Inventory>();
        Assert.False((await inventory.CurrentAsync()).Devices.ContainsKey("zz0001"));

        await inventory.RefreshDeviceAsync("zz0001");
        Assert.True((await inventory.CurrentAsync()).IsMapped("slack:C0OPS", "zz0001"));
        Button((await CommandAsync(Zhang, "zz0001")).Answer, "call.confirm");

        await _bot.Get<IMappingStore>().UnmapAsync("slack:C0OPS", "zz0001");
        await inventory.RefreshChannelAsync("slack:C0OPS");
        Assert.False((await inventory.CurrentAsync()).IsMapped("slack:C0OPS", "zz0001"));
        Assert.True((await inventory.CurrentAsync()).IsMapped("slack:C0OPS", "aqm0523"));

        await _bot.Get<IDeviceStore>().RemoveAsync("aqm0523");
        await inventory.ReloadAsync();
        Assert.False((await inventory.CurrentAsync()).Devices.ContainsKey("aqm0523"));
        Assert.Contains("zz0001", (await inventory.CurrentAsync()).Devices.Keys);
    }

    private async Task<(JsonElement Answer, string ResponseUrl)> CommandAsync(SlackPersonInChannel who, string text)
    {
        var responseUrl = _slack.NewResponseUrl();
        using var response = await _slack.SendSignedAsync(new Uri(_bot.BaseAddress, "/slack/commands"), "application/x-www-form-urlencoded",
            _slack.CommandForm(who, "/call", text, responseUrl));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), responseUrl);
    }

    private async Task ClickAsync(SlackPersonInChannel who, JsonElement button, string responseUrl)
    {
        using var response = await _slack.SendSignedAsync(new Uri(_bot.BaseAddress, "/slack/interactions"), "application/x-www-form-urlencoded",
            SlackStandIn.Form(new Dictionary<string, string> { ["payload"] = _slack.BlockActionPayload(who, button, responseUrl).ToJsonString() }));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task PollAsync(Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow + Wait;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, "the stored state never came");
            await Task.Delay(20);
        }
    }

    /// <summary>The call store, counting the calls written (inserted or changed; audit lines not counted).</summary>
    private sealed class CountedCalls(LiteDbCallStore inner, Action counted) : ICallStore
    {
        public Task<CallTransition> TryAddAsync(Call call, CallAuditEntry audit, CancellationToken cancellationToken = default)
        {
            counted();
            return inner.TryAddAsync(call, audit, cancellationToken);
        }

        public Task<Call?> FindAsync(string callId, CancellationToken cancellationToken = default) => inner.FindAsync(callId, cancellationToken);
        public Task<CallTransition> TryTransitionAsync(string callId, IReadOnlyCollection<CallState> from, Func<Call, Call> next,
            Func<Call, CallAuditEntry>? audit = null, CancellationToken cancellationToken = default)
        {
            counted();
            return inner.TryTransitionAsync(callId, from, next, audit, cancellationToken);
        }
        public Task<IReadOnlyList<Call>> InStateAsync(CallState state, CancellationToken cancellationToken = default) => inner.InStateAsync(state, cancellationToken);
        public Task AuditAsync(CallAuditEntry entry, CancellationToken cancellationToken = default) => inner.AuditAsync(entry, cancellationToken);
        public Task AuditManyAsync(IReadOnlyList<CallAuditEntry> entries, CancellationToken cancellationToken = default) => inner.AuditManyAsync(entries, cancellationToken);
        public Task<IReadOnlyList<CallAuditEntry>> AuditLogAsync(int max, CancellationToken cancellationToken = default) => inner.AuditLogAsync(max, cancellationToken);
    }

    /// <summary>Channel storage that counts the writes asked of it.</summary>
    private sealed class CountedChannels(LiteDbChannelStore inner, Action counted) : IChannelStore
    {
        public Task<Channel?> FindAsync(string channelKey, CancellationToken cancellationToken = default) => inner.FindAsync(channelKey, cancellationToken);
        public Task<IReadOnlyList<Channel>> AllAsync(CancellationToken cancellationToken = default) => inner.AllAsync(cancellationToken);
        public Task<Channel> UpsertAsync(Channel channel, CancellationToken cancellationToken = default)
        {
            counted();
            return inner.UpsertAsync(channel, cancellationToken);
        }
        public Task<bool> RemoveAsync(string channelKey, CancellationToken cancellationToken = default) => inner.RemoveAsync(channelKey, cancellationToken);
        public Task<bool> ClearReferenceAsync(string channelKey, CancellationToken cancellationToken = default) => inner.ClearReferenceAsync(channelKey, cancellationToken);
    }
}
