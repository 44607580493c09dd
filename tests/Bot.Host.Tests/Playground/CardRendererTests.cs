using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Alarms;
using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Text;
using Bot.Teams;
using Bot.WebChat;
using Microsoft.Extensions.Options;

namespace Bot.Host.Tests.Playground;

/// <summary>
/// Every card the bot makes, parsed by the official Adaptive Cards renderer (npm <c>adaptivecards</c>, the very
/// bundle the web chat serves): no unknown element or action types, no invalid values, in either language.
/// </summary>
public sealed class CardRendererTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-11-22T08:00:00Z");

    public static IEnumerable<(string Name, AdaptiveCard Card)> EveryCard()
    {
        var clock = new BotClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var cards = new CallCards(clock, Bot.Core.Integrations.Simulation.None);
        var device = new Device
        {
            DeviceId = "aqm0523", IsdpDeviceId = "aqm0523--1", ChatJid = "759646@saasgroupchat.isdp-saas-sit.test.huawei.com",
            Alias = "泵房 <b>&\"一号\"", AlarmSource = new SourceIdentity("22F9Y6II7O", "light1"),
        };
        var other = device with { DeviceId = "aqm0611", IsdpDeviceId = "aqm0611--1", Alias = null };
        var call = new Call
        {
            Id = "0123456789abcdef0123", DeviceId = device.DeviceId, ChannelKey = "web:playground",
            RequestedBy = new ChatUser(WebChatPlatform.Name, "guest-1", "张三 <script>"), State = CallState.Pending,
            CreatedAt = At, ExpiresAt = At.AddMinutes(5),
        };
        var alarms = new AlarmCards(clock);
        var examples = Bot.StandIns.Tencent.TencentStandIn.SeedExamples;
        var warning = new Alarm { Id = "65167410520395776", Message = (examples[0] with { ProductId = "22F9Y6II7O", DeviceName = "light1" }).ToIncoming(), DeviceId = device.DeviceId };
        foreach (var t in new[] { Texts.English, Texts.Chinese })
        {
            var l = t.Language;
            yield return ($"confirmation/{l}", cards.Confirmation(call, device, t, call.Id).Card);
            yield return ($"calling/{l}", cards.Calling(call with { State = CallState.Confirmed }, device, t).Card);
            yield return ($"sent/{l}", cards.Sent(call with { State = CallState.Sent, FinishedAt = At.AddSeconds(3) }, device, t).Card);
            yield return ($"failed/{l}", cards.Failed(call with { State = CallState.Failed, FailureDetail = t.Format(TextId.FailedRefused, "device offline") }, device, t).Card);
            yield return ($"expired/{l}", cards.Expired(call with { State = CallState.Expired }, device, t, TimeSpan.FromMinutes(5)).Card);
            yield return ($"cancelled/{l}", cards.Cancelled(call with { State = CallState.Cancelled }, device, t, "张三").Card);
            yield return ($"devices/{l}", DeviceCards.List([device, other], t).Card);
            yield return ($"no-devices/{l}", DeviceCards.List([], t).Card);
            yield return ($"help/{l}", DeviceCards.Help(t).Card);
            yield return ($"help-unknown/{l}", DeviceCards.Help(t, "frobnicate <x>").Card);
            yield return ($"message/{l}", CardParts.Message(t[TextId.AdminOnly]).Card);
            yield return ($"alarm-device/{l}", alarms.Build(warning, device, t).Card);
            yield return ($"alarm-device-unknown/{l}", alarms.Build(warning with { DeviceId = null }, null, t).Card);
            yield return ($"alarm-acknowledged/{l}", alarms.Build(warning with { Acknowledgement = new Acknowledgement(call.RequestedBy, At) }, device, t).Card);
            var resolved = new AlarmChange(warning.Id, AlarmTransition.Resolve, call.RequestedBy, "web:playground", At) { To = AlarmState.Resolved, Version = 2 };
            yield return ($"alarm-resolved/{l}", alarms.Build(warning with { State = AlarmState.Resolved, Version = 2, LastChange = resolved }, device, t).Card);
            var reopened = resolved with { Transition = AlarmTransition.Reopen, To = AlarmState.Firing, Version = 3 };
            yield return ($"alarm-reopened/{l}", alarms.Build(warning with { State = AlarmState.Firing, Version = 3, LastChange = reopened }, device, t).Card);
            yield return ($"alarm-family/{l}", alarms.Build(new Alarm { Id = examples[1].MsgId, Message = examples[1].ToIncoming() }, null, t).Card);
            yield return ($"alarm-notice/{l}", alarms.Build(new Alarm { Id = examples[3].MsgId, Message = examples[3].ToIncoming() }, device, t).Card);
            yield return ($"titled-message/{l}", CardParts.Message(t[TextId.NoDevicesHere], t[TextId.DevicesTitle]).Card);
        }
    }

    [Fact]
    public async Task The_official_renderer_reports_nothing_unknown_or_invalid_in_any_card_the_bot_makes()
    {
        // As the surfaces send them, host properties included.
        var cards = EveryCard().Select(c => (c.Name, Json: WebChatCard.Serialize(c.Card))).ToList();

        var results = await CheckAsync(cards);

        Assert.Equal(cards.Count, results.Count);
        foreach (var result in results)
            Assert.True(result.Events.Count == 0, $"{result.Name}: {string.Join("; ", result.Events)}");
        // The renderer really read them: every card has body items, and the action counts match the JSON.
        foreach (var ((name, json), result) in cards.Zip(results))
        {
            Assert.True(result.Items > 0, name);
            Assert.Equal(JsonNode.Parse(json)!["actions"]?.AsArray().Count ?? 0, result.Actions);
        }
    }

    [Fact]
    public void The_web_chat_and_teams_get_the_same_card_json()
    {
        // Teams attaches TeamsCard.ToElement(card); the web chat writes WebChatCard.Serialize(card) verbatim.
        foreach (var (name, card) in EveryCard())
            Assert.True(TeamsCard.ToElement(card).GetRawText() == WebChatCard.Serialize(card), name);
    }

    [Fact]
    public async Task The_check_fails_for_a_card_with_an_unknown_element_or_action()
    {
        var card = CardJson.Serialize(CardParts.Message("x").Card)
            .Replace("\"TextBlock\"", "\"Hologram\"", StringComparison.Ordinal)
            .Replace("\"body\":", "\"actions\":[{\"type\":\"Action.Teleport\",\"title\":\"go\"}],\"body\":", StringComparison.Ordinal);

        var result = Assert.Single(await CheckAsync([("broken", card)]));

        Assert.Contains(result.Events, e => e.Contains("Hologram", StringComparison.Ordinal));
        Assert.Contains(result.Events, e => e.Contains("Action.Teleport", StringComparison.Ordinal));
    }

    public sealed record Checked(string Name, IReadOnlyList<string> Events, int Actions, int Items);

    /// <summary>Runs <c>check-cards.js</c> under Node with the renderer bundle embedded in the web chat.</summary>
    public static async Task<IReadOnlyList<Checked>> CheckAsync(IReadOnlyList<(string Name, string Json)> cards)
    {
        var folder = Directory.CreateTempSubdirectory("cards-").FullName;
        try
        {
            var bundle = Path.Combine(folder, "adaptivecards.min.js");
            await using (var resource = typeof(WebChatAssets).Assembly.GetManifestResourceStream("webchat/lib/adaptivecards.min.js")
                ?? throw new InvalidOperationException("the web chat assembly has no renderer bundle"))
            await using (var file = File.Create(bundle))
                await resource.CopyToAsync(file);

            var input = new JsonArray(cards.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["card"] = JsonNode.Parse(c.Json) }).ToArray());
            var cardsFile = Path.Combine(folder, "cards.json");
            await File.WriteAllTextAsync(cardsFile, input.ToJsonString());

            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Playground", "check-cards.js"), bundle, cardsFile })
                start.ArgumentList.Add(arg);
            using var node = Process.Start(start)!;
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await node.WaitForExitAsync(timeout.Token);
            Assert.True(node.ExitCode == 0, $"node failed: {await stderr}");

            using var output = JsonDocument.Parse(await stdout);
            return output.RootElement.EnumerateArray().Select(r => new Checked(
                r.GetProperty("name").GetString()!,
                r.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList(),
                r.GetProperty("actions").GetInt32(),
                r.GetProperty("items").GetInt32())).ToList();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
