using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bot.Core;
using Bot.Core.Alarms;
using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Storage;
using Bot.Core.Text;
using Bot.Playground;
using Bot.Host.Tests.Support;
using Bot.WebChat;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Host.Tests.Playground;

/// <summary>The web chat against the real host in playground mode: simulated ISDP, example devices, the same Core flows.</summary>
public sealed class WebChatTests : IAsyncLifetime
{
    private static readonly Channel Room = new() { Platform = WebChatPlatform.Name, ExternalId = "playground" };
    private BotTestHost _bot = null!;
    private WebChatClient _ann = null!;

    public async Task InitializeAsync()
    {
        _bot = await StartPlaygroundAsync();
        _ann = new WebChatClient(_bot.Client);
    }

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    public static Task<BotTestHost> StartPlaygroundAsync(Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["Playground:Enabled"] = "true" };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        return BotTestHost.StartAsync(all);
    }

    private static ChatContext Context(string userId, string name, string locale = "en-US") =>
        new(new ChatUser(WebChatPlatform.Name, userId, name), Room, locale, IsAdmin: true);

    [Fact]
    public async Task Call_answers_with_the_confirmation_card_exactly_as_the_core_serializes_it()
    {
        var answer = await _ann.SayAsync("/call aqm0523");

        var reply = answer.GetProperty("reply");
        var callId = WebChatClient.ActionId(reply, CardVerbs.CallConfirm);
        // The pending call travels in the card: nothing is stored until it is clicked.
        Assert.Null(await _bot.Get<ICallStore>().FindAsync(CallToken.CallIdOf(callId)));
        var call = await _bot.Get<CallTokens>().ReadAsync(callId, default);
        Assert.NotNull(call);
        Assert.Equal(CallState.Pending, call.State);
        Assert.Equal(new ChatUser(WebChatPlatform.Name, _ann.UserId, "Ann"), call.RequestedBy);
        Assert.Equal("web:playground", call.ChannelKey);
        var device = await _bot.Get<DeviceDirectory>().FindAsync("aqm0523", default);
        var expected = WebChatCard.Serialize(_bot.Get<CallCards>().Confirmation(call, device!, Texts.English, callId).Card);
        Assert.Equal(expected, reply.GetProperty("card").GetRawText());
        Assert.Equal("/call aqm0523", answer.GetProperty("message").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("help")]
    [InlineData("devices")]
    [InlineData("bogus words")]
    public async Task Text_commands_answer_with_the_cards_the_core_makes(string text)
    {
        var answer = await _ann.SayAsync(text);
        var expected = await _bot.Get<ChatRequests>().HandleTextAsync(Context(_ann.UserId, "Ann"), text, default);
        Assert.Equal(WebChatCard.Serialize(expected.Card), answer.GetProperty("reply").GetProperty("card").GetRawText());
    }

    [Fact]
    public async Task Devices_lists_the_example_devices_and_chinese_locale_switches_language()
    {
        var english = await _ann.SayAsync("devices");
        var card = english.GetProperty("reply").GetProperty("card").GetRawText();
        Assert.Contains("aqm0523", card);
        Assert.Contains("aqm0611", card);
        Assert.Contains("Devices in this channel", card);

        var chinese = await new WebChatClient(_bot.Client, "guest-zh", "张三", "zh-CN").SayAsync("devices");
        Assert.Contains("此频道的设备", chinese.GetProperty("reply").GetProperty("card").GetRawText());
    }

    [Fact]
    public async Task Confirm_sends_one_invite_through_the_simulated_isdp_and_shows_the_stanza_beside_the_outcome()
    {
        var standIn = _bot.Get<PlaygroundStandIns>().Isdp;
        var reply = (await _ann.SayAsync("/call aqm0523")).GetProperty("reply");
        var callId = WebChatClient.ActionId(reply, CardVerbs.CallConfirm);

        var clicked = await _ann.ClickAsync(CardVerbs.CallConfirm, callId, reply.GetProperty("id").GetString());

        var invite = Assert.Single(standIn.ReceivedInvites);
        Assert.Equal("759646@saasgroupchat.isdp-saas-sit.test.huawei.com", invite.To);
        Assert.Equal(("aqm0523", "aqm0523--1"), (invite.DeviceId, invite.IsdpDeviceId));
        var updated = clicked.GetProperty("updated");
        Assert.Equal(reply.GetProperty("id").GetString(), updated.GetProperty("id").GetString());
        var call = await _bot.Get<ICallStore>().FindAsync(CallToken.CallIdOf(callId));
        Assert.Equal(CallState.Sent, call!.State);
        var device = await _bot.Get<DeviceDirectory>().FindAsync("aqm0523", default);
        Assert.Equal(WebChatCard.Serialize(_bot.Get<CallCards>().Sent(call, device!, Texts.English).Card), updated.GetProperty("card").GetRawText());
        var note = updated.GetProperty("note");
        Assert.Equal("Stanza the simulated ISDP received", note.GetProperty("title").GetString());
        Assert.Contains("\"isdpDeviceId\":\"aqm0523--1\"", note.GetProperty("text").GetString());
        Assert.Equal(IsdpStanzaNotes.Pretty(invite.RawStanza), note.GetProperty("text").GetString());

        // The room now shows the outcome in place of the confirmation, for every page.
        var kept = _bot.Get<WebRooms>().Page.Find(reply.GetProperty("id").GetString()!);
        Assert.Equal(updated.GetProperty("card").GetRawText(), kept!.CardJson);

        // A second click changes nothing and sends nothing.
        var again = await _ann.ClickAsync(CardVerbs.CallConfirm, callId, reply.GetProperty("id").GetString());
        Assert.Single(standIn.ReceivedInvites);
        Assert.False(string.IsNullOrEmpty(again.GetProperty("notice").GetString()));
    }

    [Fact]
    public async Task Only_the_person_who_asked_can_confirm()
    {
        var reply = (await _ann.SayAsync("/call aqm0523")).GetProperty("reply");
        var callId = WebChatClient.ActionId(reply, CardVerbs.CallConfirm);

        var bob = new WebChatClient(_bot.Client, "guest-bob", "Bob");
        var clicked = await bob.ClickAsync(CardVerbs.CallConfirm, callId, reply.GetProperty("id").GetString());

        Assert.Contains("Ann", clicked.GetProperty("notice").GetString());
        Assert.Equal(JsonValueKind.Null, clicked.GetProperty("updated").ValueKind);
        Assert.Empty(_bot.Get<PlaygroundStandIns>().Isdp.ReceivedInvites);
    }

    [Fact]
    public async Task Map_and_unmap_work_in_the_playground_where_everyone_is_admin()
    {
        var unmapped = await _ann.SayAsync("devices unmap aqm0611");
        Assert.Contains("no longer mapped", unmapped.GetProperty("reply").GetProperty("text").GetString());
        Assert.DoesNotContain("aqm0611", await _bot.Get<IMappingStore>().DevicesOfAsync("web:playground"));

        var mapped = await _ann.SayAsync("devices map aqm0611");
        Assert.Contains("now mapped", mapped.GetProperty("reply").GetProperty("text").GetString());
        Assert.Contains("aqm0611", await _bot.Get<IMappingStore>().DevicesOfAsync("web:playground"));
    }

    [Fact]
    public async Task Events_stream_sends_the_transcript_first_then_every_new_message()
    {
        await _ann.SayAsync("help");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/web/events");
        using var response = await _bot.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);

        // Example alarms from the simulated Tencent arrive in the same stream; only the chat is followed here.
        var (type, data) = await ReadEventAsync(reader);
        Assert.Equal("snapshot", type);
        var texts = JsonDocument.Parse(data).RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Contains("help", texts);
        Assert.Contains(texts, t => t!.StartsWith("What I can do", StringComparison.Ordinal));

        await _ann.SayAsync("devices");
        var said = await NextChatEventAsync(reader);
        var replied = await NextChatEventAsync(reader);
        Assert.Equal("devices", said.GetProperty("text").GetString());
        Assert.Equal("person", said.GetProperty("kind").GetString());
        Assert.Contains("aqm0523", replied.GetProperty("card").GetRawText());
        Assert.StartsWith("Devices in this channel", replied.GetProperty("text").GetString());
    }

    private static async Task<JsonElement> NextChatEventAsync(StreamReader reader)
    {
        while (true)
        {
            var (type, data) = await ReadEventAsync(reader);
            var message = JsonDocument.Parse(data).RootElement;
            var isAlarm = message.TryGetProperty("card", out var card) && card.GetRawText().Contains(CardVerbs.AlarmAcknowledge, StringComparison.Ordinal);
            if (type == "message" && !isAlarm) return message;
        }
    }

    [Fact]
    public async Task Web_surface_posts_into_the_room_and_edits_what_it_posted()
    {
        var surface = _bot.Get<ChatSurfaces>().For(WebChatPlatform.Name)!;
        var first = CardParts.Message("first");
        var posted = Assert.IsType<PostOutcome.Posted>(await surface.PostAsync(Room, first, default));
        Assert.Equal(WebChatCard.Serialize(first.Card), _bot.Get<WebRooms>().Page.Find(posted.MessageRef)!.CardJson);

        var second = CardParts.Message("second");
        Assert.IsType<PostOutcome.Posted>(await surface.UpdateAsync(Room, posted.MessageRef, second, default));
        Assert.Equal(WebChatCard.Serialize(second.Card), _bot.Get<WebRooms>().Page.Find(posted.MessageRef)!.CardJson);

        Assert.IsType<PostOutcome.Permanent>(await surface.UpdateAsync(Room, "gone-1", second, default));
    }

    [Fact]
    public async Task Bad_requests_get_a_clear_4xx_and_change_nothing()
    {
        var http = _bot.Client;
        // Example alarms may arrive meanwhile; what people said must not change.
        int Said() => _bot.Get<WebRooms>().Page.Messages.Count(m => m.Kind == WebMessage.FromPerson);
        var before = Said();

        var plain = await http.PostAsync("/web/messages", new StringContent("help", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);

        var broken = await http.PostAsync("/web/messages", new StringContent("{\"user\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        var noUser = await http.PostAsJsonAsync("/web/messages", new { text = "help" });
        Assert.Equal(HttpStatusCode.BadRequest, noUser.StatusCode);
        Assert.Contains("user.id", await noUser.Content.ReadAsStringAsync());

        var badName = await http.PostAsJsonAsync("/web/messages", new { user = new { id = "g1", name = "a\u0000b" }, text = "help" });
        Assert.Contains("user.name", await badName.Content.ReadAsStringAsync());

        var tooLong = await http.PostAsJsonAsync("/web/messages", new { user = new { id = "g1", name = "A" }, text = new string('x', 2001) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        var huge = await http.PostAsync("/web/messages", new StringContent("{\"text\":\"" + new string('x', 100_000) + "\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        var badVerb = await http.PostAsJsonAsync("/web/actions", new { user = new { id = "g1", name = "A" }, verb = "<script>", id = "1" });
        Assert.Contains("verb", await badVerb.Content.ReadAsStringAsync());

        var unknownVerb = await new WebChatClient(http).ClickAsync("nothing.here", "1", null);
        Assert.False(string.IsNullOrEmpty(unknownVerb.GetProperty("notice").GetString()));

        using var remote = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { Host = "bot.example.com" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(remote)).StatusCode);

        Assert.Equal(before, Said());
        Assert.Empty(await _bot.Get<ICallStore>().InStateAsync(CallState.Pending));
    }

    [Fact]
    public async Task The_page_and_the_renderer_bundle_are_served_with_a_strict_policy()
    {
        var page = await _bot.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("/webchat/lib/adaptivecards.min.js", await page.Content.ReadAsStringAsync());

        var bundle = await _bot.Client.GetAsync("/webchat/lib/adaptivecards.min.js");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Contains("AdaptiveCard", await bundle.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await _bot.Client.GetAsync("/webchat/../appsettings.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _bot.Client.GetAsync("/webchat/nothing.js")).StatusCode);
    }

    [Fact]
    public async Task Example_alarms_arrive_live_from_the_simulated_tencent_and_acknowledge_edits_the_card()
    {
        await using var bot = await StartPlaygroundAsync(new() { ["Bot:DefaultLocale"] = "en-US", ["Playground:AlarmInterval"] = "00:00:01" });
        using var response = await bot.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/web/events"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);

        // The first example (a device warning for aqm0523's Tencent identity) is raised at start; wait until it is posted.
        JsonElement alarm = default;
        while (alarm.ValueKind == JsonValueKind.Undefined)
        {
            var (type, data) = await ReadEventAsync(reader);
            var messages = type == "snapshot" ? JsonDocument.Parse(data).RootElement.GetProperty("messages").EnumerateArray().ToList() : [JsonDocument.Parse(data).RootElement];
            alarm = messages.FirstOrDefault(m => m.TryGetProperty("card", out var card) && card.GetRawText().Contains("Device alarm: Device Warning", StringComparison.Ordinal));
        }
        var card = alarm.GetProperty("card").GetRawText();
        Assert.Contains("泵房一号 (aqm0523)", card);
        var alarmId = WebChatClient.ActionId(alarm, CardVerbs.AlarmAcknowledge);
        Assert.Equal("aqm0523", WebChatClient.ActionId(alarm, CardVerbs.CallStart));

        var clicked = await new WebChatClient(bot.Client).ClickAsync(CardVerbs.AlarmAcknowledge, alarmId, alarm.GetProperty("id").GetString());

        var updated = clicked.GetProperty("updated");
        Assert.Equal(alarm.GetProperty("id").GetString(), updated.GetProperty("id").GetString());
        Assert.Contains("Acknowledged by Ann", updated.GetProperty("card").GetRawText());
        Assert.DoesNotContain(CardVerbs.AlarmAcknowledge, updated.GetProperty("card").GetRawText());
        var second = await new WebChatClient(bot.Client, "guest-bob", "Bob").ClickAsync(CardVerbs.AlarmAcknowledge, alarmId, alarm.GetProperty("id").GetString());
        Assert.Contains("Ann already acknowledged", second.GetProperty("notice").GetString());
    }

    [Fact]
    public async Task Anyone_can_send_any_alarm_id_to_the_action_endpoint_but_only_where_the_alarm_is_may_it_be_acknowledged()
    {
        // People of the web chat who are not admins (the playground makes everyone one; a deployment need not).
        await using var bot = await BotTestHost.StartAsync(
            new Dictionary<string, string?> { ["Playground:Enabled"] = "true", ["Bot:DefaultLocale"] = "en-US" },
            b => b.Services.PostConfigure<WebChatOptions>(o => o.EveryoneIsAdmin = false));
        var intake = bot.Get<IAlarmIntakeStore>();
        var at = DateTimeOffset.Parse("2026-11-22T08:00:00Z");
        IncomingAlarm Alarm(string id) => new() { Id = id, Source = "test", Category = AlarmCategory.Notification, Title = "Door open", At = at };
        await intake.TakeAsync("test", [new NewAlarm(Alarm("900001"), null, ["slack:C-ELSEWHERE"]), new NewAlarm(Alarm("900002"), null, [Room.Key])], "1", at);
        var eve = new WebChatClient(bot.Client, "guest-eve", "Eve");

        var elsewhere = await eve.ClickAsync(CardVerbs.AlarmAcknowledge, "900001", null);
        var here = await eve.ClickAsync(CardVerbs.AlarmAcknowledge, "900002", null);

        Assert.Equal("This alarm was not posted in this channel, so it can't be acknowledged from here.", elsewhere.GetProperty("notice").GetString());
        Assert.Equal(JsonValueKind.Null, elsewhere.GetProperty("updated").ValueKind);
        Assert.Null((await bot.Get<IAlarmQueries>().FindAsync("900001"))!.Acknowledgement);
        Assert.Contains("Acknowledged by Eve", here.GetProperty("updated").GetProperty("card").GetRawText());
        Assert.Equal("Eve", (await bot.Get<IAlarmQueries>().FindAsync("900002"))!.Acknowledgement!.By.Name);
    }

    private static async Task<(string Type, string Data)> ReadEventAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        string? type = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length == 0 && type is not null) return (type, data.ToString());
            if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line["event: ".Length..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data.Append(line["data: ".Length..]);
        }
        throw new EndOfStreamException("the event stream ended");
    }
}
