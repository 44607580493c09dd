using Bot.Core.Integrations;
using System.Text.Json.Nodes;
using Bot.Core.Alarms;
using Bot.Core.Calls;
using Bot.Core.Cards;
using Bot.Core.Channels;
using Bot.Core.Devices;
using Bot.Core.Text;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Slack.Tests;

/// <summary>
/// Text from outside (Tencent titles and contents, people's names) reaches Teams as markdown-escaped TextBlocks and
/// facts, so it shows as typed there; the Block Kit translation shows the same text as typed, with Slack's own escaping only.
/// </summary>
public sealed class MarkupStaysTextTests
{
    private const string Hostile = "[click](http://evil) **bold** <at>x</at> # h";
    private const string HostileAsMarkdown = @"\[click\](http://evil) \*\*bold\*\* \<at\>x\</at\> \# h";
    private const string HostileInMrkdwn = "[click](http://evil) **bold** &lt;at&gt;x&lt;/at&gt; # h";

    private static readonly BotClock Clock = new(new FakeTimeProvider(DateTimeOffset.Parse("2026-11-22T08:00:00Z")), TimeZoneInfo.Utc);

    private static List<string> CardTexts(AdaptiveCard card)
    {
        var texts = new List<string>();
        void Walk(JsonNode? node)
        {
            if (node is JsonArray array) foreach (var item in array) Walk(item);
            if (node is not JsonObject o) return;
            if (o["type"]?.GetValue<string>() == "TextBlock") texts.Add(o["text"]!.GetValue<string>());
            if (o["type"] is null && o["title"] is { } title && o["value"] is { } value) texts.AddRange([title.GetValue<string>(), value.GetValue<string>()]);
            foreach (var (_, child) in o) Walk(child);
        }
        Walk(JsonNode.Parse(CardJson.Serialize(card)));
        return texts;
    }

    /// <summary>The text of every block: headers and sections, section fields, context elements.</summary>
    private static List<string> SlackTexts(SlackMessage message) =>
        [.. message.ToJson()["blocks"]!.AsArray().SelectMany(b => new[] { b!["text"] }
            .Concat(b["fields"]?.AsArray() ?? []).Concat(b["elements"]?.AsArray() ?? [])
            .Select(t => t?["text"]).OfType<JsonValue>().Select(v => v.GetValue<string>()))];

    [Fact]
    public void A_hostile_alarm_title_and_content_are_escaped_in_the_card_json_and_shown_as_typed_in_block_kit()
    {
        var message = new IncomingAlarm
        {
            Id = "1", Source = "tencent", Category = AlarmCategory.Family, Severity = AlarmSeverity.Warning, At = Clock.Now,
            Title = Hostile, Text = Hostile + "\n- item\n1. first", FamilyId = "f1", FamilyName = Hostile,
        };
        var reply = new AlarmCards(Clock).Build(new Alarm { Id = "1", Message = message, Acknowledgement = new Acknowledgement(new ChatUser(SlackPlatform.Name, "U1", Hostile), Clock.Now) }, null, Texts.English);

        var texts = CardTexts(reply.Card);
        Assert.Contains("Family notice: " + HostileAsMarkdown, texts);                          // the title
        Assert.Contains(HostileAsMarkdown + "\n\\- item\n1\\. first", texts);                     // the content: no list either
        Assert.Contains(HostileAsMarkdown + " (f1)", texts);                                      // the family's name
        Assert.Contains(texts, t => t.StartsWith("✔ Acknowledged by " + HostileAsMarkdown, StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("[click]", StringComparison.Ordinal) || t.Contains("**", StringComparison.Ordinal));

        var slack = SlackTexts(BlockKit.Translate(reply, Texts.English));
        Assert.Contains(slack, t => t.EndsWith("Family notice: " + Hostile, StringComparison.Ordinal));   // a plain_text header
        Assert.Contains(HostileInMrkdwn + "\n- item\n1. first", slack);
        Assert.Contains(slack, t => t.EndsWith(HostileInMrkdwn + " (f1)", StringComparison.Ordinal));
        Assert.Contains(slack, t => t.Contains("Acknowledged by " + HostileInMrkdwn, StringComparison.Ordinal));
        Assert.DoesNotContain(slack, t => t.Contains('\\', StringComparison.Ordinal));           // no escaping doubled
    }

    [Fact]
    public void A_hostile_name_on_a_call_card_shows_as_typed_on_both()
    {
        var device = new Device { DeviceId = "aqm0523", IsdpDeviceId = "aqm0523--1", ChatJid = "1@example.com" };
        var call = new Call
        {
            Id = "c1", DeviceId = device.DeviceId, ChannelKey = "slack:C1", RequestedBy = new ChatUser(SlackPlatform.Name, "U1", Hostile),
            State = CallState.Pending, CreatedAt = Clock.Now, ExpiresAt = Clock.Now.AddMinutes(5),
        };
        var reply = new CallCards(Clock, Simulation.None).Confirmation(call, device, Texts.English, call.Id);

        var texts = CardTexts(reply.Card);
        Assert.Contains($"This sends a remote invite to the device. Only {HostileAsMarkdown} can confirm.", texts);
        Assert.Contains(HostileAsMarkdown, texts);                                                // the Requested by fact
        Assert.Contains("aqm0523--1", texts);                                                     // ordinary text unchanged

        var slack = SlackTexts(BlockKit.Translate(reply, Texts.English));
        Assert.Contains($"This sends a remote invite to the device. Only {HostileInMrkdwn} can confirm.", slack);
        Assert.Contains($"*Requested by*\n{HostileInMrkdwn}", slack);
    }

    [Theory]
    [InlineData(Hostile)]
    [InlineData(@"C:\path\_x_ \\ \* ends with \")]
    [InlineData("- a\n  + b\n10) c\n2026-11-22 # x | y ~z~ `code` &amp;")]
    [InlineData("张三")]
    public void Escaping_is_undone_exactly(string plain)
    {
        Assert.Equal(plain, CardMarkdown.Unescape(CardMarkdown.Escape(plain)));
    }
}
