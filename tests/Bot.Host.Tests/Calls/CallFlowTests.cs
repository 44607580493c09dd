using System.Net.Http.Json;
using Bot.Core;
using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.Host.Tests.Support;
using Bot.StandIns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Bot.Slack;

namespace Bot.Host.Tests.Calls;

/// <summary>The call flow below the chat layer: the real host, real storage, the real ISDP client against the ISDP stand-in.</summary>
public sealed class CallFlowTests : IAsyncLifetime
{
    private const string Jid = "759646@saasgroupchat.isdp-saas-sit.test.huawei.com";
    private static readonly Channel Ops = new() { Platform = SlackPlatform.Name, ExternalId = "C-OPS", Name = "ops" };
    private static readonly Channel Other = new() { Platform = SlackPlatform.Name, ExternalId = "C-OTHER", Name = "other" };
    private static readonly ChatUser Zhang = new(SlackPlatform.Name, "U-ZHANG", "张三");
    private static readonly ChatUser Li = new(SlackPlatform.Name, "U-LI", "李四");

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-22T08:00:00Z"));
    private IsdpStandIn _isdp = null!;
    private BotTestHost _bot = null!;

    public async Task InitializeAsync()
    {
        _isdp = await IsdpStandIn.StartAsync(new IsdpStandInSettings { Time = _time });
        _bot = await BotTestHost.StartAsync(IsdpSettings(_isdp), b => b.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_time)));
        await _bot.AddDeviceAsync("aqm0523", "aqm0523--1", Jid, "泵房", Ops.Key);
        await _bot.AddDeviceAsync("bxk1000", "bxk1000--1", "1000@example.com", null, Other.Key);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _isdp.DisposeAsync();
    }

    public static Dictionary<string, string?> IsdpSettings(IsdpStandIn isdp)
    {
        var settings = isdp.BotSettings();
        settings["Isdp:Timeout"] = "00:00:05";
        return settings;
    }

    private ChatRequests Chat => _bot.Get<ChatRequests>();
    private static ChatContext In(Channel channel, ChatUser user) => new(user, channel, "en-US", IsAdmin: false);

    private async Task<string> RequestCallAsync(ChatUser user)
    {
        var reply = await Chat.HandleTextAsync(In(Ops, user), "/call AQM0523", default);
        var confirm = Assert.IsType<ExecuteAction>(reply.Card.Actions![0]);
        Assert.Equal(CardVerbs.CallConfirm, confirm.Verb);
        // The pending call travels in the card (the button's id is its token); the request's audit line is stored behind the answer.
        await _bot.WritesSettledAsync();
        return confirm.Data.Id;
    }

    /// <summary>The stored call a card's button (token) names; null while nobody clicked it.</summary>
    private Task<Call?> StoredAsync(string buttonId) => _bot.Get<ICallStore>().FindAsync(CallToken.CallIdOf(buttonId));

    [Fact]
    public async Task Request_confirm_sends_exactly_one_invite_and_audits_each_step()
    {
        var reply = await Chat.HandleTextAsync(In(Ops, Zhang), "call aqm0523", default);
        Assert.Contains("Call 泵房 (aqm0523)?", reply.Text);
        var facts = Assert.IsType<FactSet>(reply.Card.Body[2]).Facts;
        Assert.Contains(facts, f => f.Value == "aqm0523--1");
        Assert.Contains(facts, f => f.Value == "张三");
        var callId = Assert.IsType<ExecuteAction>(reply.Card.Actions![0]).Data.Id;
        Assert.Empty(_isdp.ReceivedInvites);                 // nothing leaves before the person confirms

        var result = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallConfirm, callId, default);

        Assert.Contains("Invite sent to 泵房 (aqm0523)", result.UpdatedCard!.Text);
        var invite = Assert.Single(_isdp.ReceivedInvites);
        Assert.Equal(Jid, invite.To);
        Assert.Equal(("aqm0523", "aqm0523--1"), (invite.DeviceId, invite.IsdpDeviceId));
        Assert.Equal((640778L, "TestRTC1", 886), (invite.UserId, invite.UserName, invite.TenantId));   // the token's plat_user
        var audit = (await _bot.Get<ICallStore>().AuditLogAsync(10)).Where(a => a.CallId == CallToken.CallIdOf(callId)).Select(a => a.Event).Reverse();
        Assert.Equal([CallEvents.Requested, CallEvents.Confirmed, CallEvents.Sent], audit);
        Assert.All(await _bot.Get<ICallStore>().AuditLogAsync(10), a => Assert.Equal("slack:U-ZHANG", a.UserKey));
    }

    [Fact]
    public async Task Many_concurrent_confirms_send_one_invite()
    {
        var callId = await RequestCallAsync(Zhang);

        var results = Concurrently.Run(16, () => Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallConfirm, callId, default).GetAwaiter().GetResult());

        Assert.Single(_isdp.ReceivedInvites);
        Assert.Equal(15, results.Count(r => r.Notice is not null));
        Assert.Equal(CallState.Sent, (await StoredAsync(callId))!.State);
    }

    [Fact]
    public async Task A_second_click_after_the_outcome_sends_nothing_more()
    {
        var callId = await RequestCallAsync(Zhang);
        await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallConfirm, callId, default);
        var again = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallConfirm, callId, default);

        Assert.Equal("This call has already been handled.", again.Notice);
        Assert.Contains("Invite sent", again.UpdatedCard!.Text);
        Assert.Single(_isdp.ReceivedInvites);
    }

    [Fact]
    public async Task Only_the_person_who_asked_can_confirm_or_cancel()
    {
        var callId = await RequestCallAsync(Zhang);

        var byLi = await Chat.HandleActionAsync(In(Ops, Li), CardVerbs.CallConfirm, callId, default);
        var cancelByLi = await Chat.HandleActionAsync(In(Ops, Li), CardVerbs.CallCancel, callId, default);

        Assert.Equal("Only 张三, who asked for this call, can confirm or cancel it.", byLi.Notice);
        Assert.Null(byLi.UpdatedCard);
        Assert.NotNull(cancelByLi.Notice);
        Assert.Empty(_isdp.ReceivedInvites);
        Assert.Null(await StoredAsync(callId));                  // refused before anything was stored

        await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallConfirm, callId, default);
        Assert.Single(_isdp.ReceivedInvites);
    }

    [Fact]
    public async Task A_call_not_confirmed_in_time_expires_and_sends_nothing()
    {
        var callId = await RequestCallAsync(Zhang);
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var late = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallConfirm, callId, default);

        Assert.Contains("expired", late.UpdatedCard!.Text);
        Assert.Empty(_isdp.ReceivedInvites);
        Assert.Equal(CallState.Expired, (await StoredAsync(callId))!.State);
    }

    [Fact]
    public async Task A_card_nobody_clicks_stores_no_call_and_a_late_click_records_it_expired_once()
    {
        var callId = await RequestCallAsync(Zhang);
        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.Null(await StoredAsync(callId));                                            // only the request's audit line
        Assert.Contains(await _bot.Get<ICallStore>().AuditLogAsync(20), a => a.CallId == CallToken.CallIdOf(callId) && a.Event == CallEvents.Requested);

        var late = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallConfirm, callId, default);
        var again = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallCancel, callId, default);

        Assert.Contains("expired", late.UpdatedCard!.Text);
        Assert.Contains("expired", again.UpdatedCard!.Text);
        Assert.Equal(CallState.Expired, (await StoredAsync(callId))!.State);
        Assert.Single(await _bot.Get<ICallStore>().AuditLogAsync(20), a => a.CallId == CallToken.CallIdOf(callId) && a.Event == CallEvents.Expired);
        Assert.Empty(_isdp.ReceivedInvites);
    }

    [Fact]
    public async Task A_cancelled_call_cannot_be_confirmed()
    {
        var callId = await RequestCallAsync(Zhang);
        var cancelled = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallCancel, callId, default);
        var confirm = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallConfirm, callId, default);

        Assert.Contains("cancelled", cancelled.UpdatedCard!.Text);
        Assert.NotNull(confirm.Notice);
        Assert.Empty(_isdp.ReceivedInvites);
    }

    [Fact]
    public async Task A_refused_invite_shows_isdp_message_and_can_be_retried()
    {
        _isdp.FailNext(new IsdpFault.Refuse("1001", "设备不在线"));
        var callId = await RequestCallAsync(Zhang);

        var failed = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallConfirm, callId, default);
        Assert.Contains("设备不在线", failed.UpdatedCard!.Text);
        var retry = Assert.IsType<ExecuteAction>(Assert.Single(failed.UpdatedCard.Card.Actions!));
        Assert.Equal(CardVerbs.CallRetry, retry.Verb);

        var retried = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallRetry, callId, default);
        Assert.Contains("Invite sent", retried.UpdatedCard!.Text);
        Assert.Equal(2, (await StoredAsync(callId))!.Attempts);
    }

    [Fact]
    public async Task A_transport_failure_is_a_failed_call_not_an_error()
    {
        _isdp.FailNext(new IsdpFault.ServerError(502));
        var callId = await RequestCallAsync(Zhang);

        var failed = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallConfirm, callId, default);

        Assert.Contains("HTTP 502", failed.UpdatedCard!.Text);
        Assert.Equal(CallState.Failed, (await StoredAsync(callId))!.State);
    }

    [Fact]
    public async Task An_unknown_device_gets_a_suggestion_and_creates_no_call()
    {
        var reply = await Chat.HandleTextAsync(In(Ops, Zhang), "call aqm0532", default);

        Assert.Contains("There is no device called aqm0532", reply.Text);
        Assert.Contains("Did you mean aqm0523?", reply.Text);
        Assert.Contains("泵房 (aqm0523)", reply.Text);          // the channel's own devices
        Assert.Null(reply.Card.Actions);
        await _bot.WritesSettledAsync();   // the refusal's audit line is stored behind the answer
        Assert.Empty(await _bot.Get<ICallStore>().InStateAsync(CallState.Pending));
        Assert.Contains(await _bot.Get<ICallStore>().AuditLogAsync(10), a => a.Event == CallEvents.RefusedUnknownDevice);
    }

    [Fact]
    public async Task A_device_not_mapped_here_is_refused_with_the_devices_that_are()
    {
        var reply = await Chat.HandleTextAsync(In(Ops, Zhang), "call bxk1000", default);

        Assert.Contains("bxk1000 is not mapped to this channel", reply.Text);
        Assert.Contains("泵房 (aqm0523)", reply.Text);
        await _bot.WritesSettledAsync();   // the refusal's audit line is stored behind the answer
        Assert.Empty(await _bot.Get<ICallStore>().InStateAsync(CallState.Pending));
        Assert.Contains(await _bot.Get<ICallStore>().AuditLogAsync(10), a => a.Event == CallEvents.RefusedNotMapped && a.DeviceId == "bxk1000");
    }

    [Fact]
    public async Task Chinese_speakers_read_chinese()
    {
        var reply = await Chat.HandleTextAsync(In(Ops, Zhang) with { Locale = "zh-CN" }, "呼叫 aqm0523", default);
        Assert.Contains("呼叫 泵房 (aqm0523)?", reply.Text);
        Assert.Equal("呼叫", Assert.IsType<ExecuteAction>(reply.Card.Actions![0]).Title);
    }

    [Fact]
    public async Task Only_admins_change_mappings()
    {
        var refused = await Chat.HandleTextAsync(In(Ops, Zhang), "devices map bxk1000", default);
        Assert.Contains("Only the bot's admins", refused.Text);
        Assert.DoesNotContain("bxk1000", await _bot.Get<IMappingStore>().DevicesOfAsync(Ops.Key));

        var mapped = await Chat.HandleTextAsync(In(Ops, Zhang) with { IsAdmin = true }, "devices map bxk1000", default);
        Assert.Contains("now mapped", mapped.Text);
        Assert.Contains("bxk1000", await _bot.Get<IMappingStore>().DevicesOfAsync(Ops.Key));

        var unmapped = await Chat.HandleTextAsync(In(Ops, Zhang) with { IsAdmin = true }, "unmap bxk1000", default);
        Assert.Contains("no longer mapped", unmapped.Text);
        Assert.DoesNotContain("bxk1000", await _bot.Get<IMappingStore>().DevicesOfAsync(Ops.Key));
    }

    [Fact]
    public async Task The_device_list_offers_a_call_button_per_device()
    {
        var reply = await Chat.HandleTextAsync(In(Ops, Zhang), "/call", default);
        var buttons = reply.Card.Body.OfType<ColumnSet>().SelectMany(c => c.Columns).SelectMany(c => c.Items).OfType<ActionSet>().SelectMany(a => a.Actions).Cast<ExecuteAction>();
        Assert.Equal(["aqm0523"], buttons.Select(b => b.Data.Id));

        var started = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallStart, "aqm0523", default);
        Assert.Contains("Call 泵房 (aqm0523)?", started.Reply!.Text);
    }

    [Fact]
    public async Task A_call_whose_device_was_unmapped_meanwhile_is_not_confirmed()
    {
        var callId = await RequestCallAsync(Zhang);
        await Chat.HandleTextAsync(In(Ops, Li) with { IsAdmin = true }, "devices unmap aqm0523", default);

        var confirm = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallConfirm, callId, default);

        Assert.Equal("aqm0523 is no longer mapped to this channel, so this call was not made.", confirm.Notice);
        Assert.Empty(_isdp.ReceivedInvites);
        Assert.Null(await StoredAsync(callId));
        Assert.Contains(await _bot.Get<ICallStore>().AuditLogAsync(10), a => a.CallId == CallToken.CallIdOf(callId) && a.Event == CallEvents.RefusedNotMapped);
        Assert.Null(await _bot.Get<CallService>().CallingAsync(callId, Bot.Core.Text.Texts.English, default));   // no "calling" card first
    }

    [Fact]
    public async Task A_failed_call_whose_device_was_unmapped_or_removed_meanwhile_is_not_retried()
    {
        _isdp.FailNext(new IsdpFault.Refuse("1001", "设备不在线"));
        var callId = await RequestCallAsync(Zhang);
        await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallConfirm, callId, default);
        (await _bot.Admin.DeleteAsync($"/admin/mappings?channel={Uri.EscapeDataString(Ops.Key)}&device=aqm0523")).EnsureSuccessStatusCode();

        var unmapped = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallRetry, callId, default);
        Assert.Equal("aqm0523 is no longer mapped to this channel, so this call was not made.", unmapped.Notice);

        (await _bot.Admin.PostAsJsonAsync("/admin/mappings", new { channel = Ops.Key, device = "aqm0523" })).EnsureSuccessStatusCode();
        (await _bot.Admin.DeleteAsync("/admin/devices/aqm0523")).EnsureSuccessStatusCode();
        var removed = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallRetry, callId, default);
        Assert.Equal("There is no device called aqm0523.", removed.Notice);

        Assert.Empty(_isdp.ReceivedInvites);
        var call = (await StoredAsync(callId))!;
        Assert.Equal((CallState.Failed, 1), (call.State, call.Attempts));                  // the one refused attempt only
    }

    [Fact]
    public async Task A_failed_call_can_be_retried_only_within_the_confirmation_window()
    {
        _isdp.FailNext(new IsdpFault.Refuse("1001", "设备不在线"));
        _isdp.FailNext(new IsdpFault.Refuse("1001", "设备不在线"));
        var callId = await RequestCallAsync(Zhang);
        await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallConfirm, callId, default);
        _time.Advance(TimeSpan.FromMinutes(4));
        var inTime = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallRetry, callId, default);
        Assert.Contains("设备不在线", inTime.UpdatedCard!.Text);       // retried (and failed again): the window starts at each failure
        Assert.Equal(2, (await StoredAsync(callId))!.Attempts);

        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var late = await Chat.HandleActionAsync(In(Ops, Zhang), CardVerbs.CallRetry, callId, default);

        Assert.Equal("This call failed more than 5 minutes ago and can no longer be retried. Type the command again to call.", late.Notice);
        Assert.Null(late.UpdatedCard!.Card.Actions);                 // the card loses its Retry button
        Assert.Empty(_isdp.ReceivedInvites);
        var call = (await StoredAsync(callId))!;
        Assert.Equal((CallState.Failed, 2), (call.State, call.Attempts));
        Assert.Null(await _bot.Get<CallService>().CallingAsync(callId, Bot.Core.Text.Texts.English, default));
    }

    [Fact]
    public async Task Answers_never_name_another_channels_devices()
    {
        await _bot.AddDeviceAsync("cfg2000", "cfg2000--1", "2000@example.com", "机房", Other.Key);

        var typo = await Chat.HandleTextAsync(In(Ops, Zhang), "call bxk1001", default);       // one letter from Other's bxk1000
        var byAlias = await Chat.HandleTextAsync(In(Ops, Zhang), "call 机房", default);        // Other's alias
        var notHere = await Chat.HandleTextAsync(In(Ops, Zhang), "call cfg2000", default);

        Assert.Contains("There is no device called bxk1001.", typo.Text);
        Assert.DoesNotContain("bxk1000", typo.Text);
        Assert.DoesNotContain("Did you mean", typo.Text);
        Assert.Contains("There is no device called 机房.", byAlias.Text);
        Assert.DoesNotContain("cfg2000", byAlias.Text);
        Assert.Contains("cfg2000 is not mapped to this channel", notHere.Text);
        Assert.DoesNotContain("机房", notHere.Text);
        foreach (var reply in new[] { typo, byAlias, notHere })
            Assert.Contains("泵房 (aqm0523)", reply.Text);                                   // the channel's own devices are fine

        // Admins manage the whole inventory: mapping a device suggests from all of it.
        var adminTypo = await Chat.HandleTextAsync(In(Ops, Zhang) with { IsAdmin = true }, "devices map bxk1001", default);
        Assert.Contains("Did you mean bxk1000?", adminTypo.Text);
    }
}
