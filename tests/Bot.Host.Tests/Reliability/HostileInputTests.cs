using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Bot.Core.Cards;
using Bot.Host.Tests.Support;
using Bot.StandIns.Slack;
using Bot.StandIns.Teams;
using static Bot.Host.Tests.Slack.SlackHarness;

namespace Bot.Host.Tests.Reliability;

/// <summary>
/// Fuzzed and hostile input on every way in: signed Slack commands and interactions, Teams activities with valid
/// tokens (so the parsing is reached), the admin API. Never a 5xx; a refused request changes nothing stored.
/// Text that looks like markup travels through aliases and names into the ISDP stanza, Block Kit and card JSON intact.
/// </summary>
[Trait("Category", "Slow")]
public sealed class HostileInputTests : IAsyncLifetime
{
    private const int Seed = 20261122;
    /// <summary>Markup of every target format at once: XML, mrkdwn mentions and formatting, JSON.</summary>
    private const string Hostile = RequestGrammar.Hostile;
    private AllPlatforms _h = null!;
    /// <summary>What only an admin may change, taken once and moved on only by an admin's own request.</summary>
    private string _adminState = "";

    public async Task InitializeAsync()
    {
        _h = await AllPlatforms.StartAsync(alias: Hostile);
        _adminState = await _h.AdminStateAsync();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    /// <summary>
    /// The seed every run starts from, then seeds that once found a fault (kept so the fault stays fixed). Each seed
    /// drives one run of generated requests; the failure message names the seed and the request's number.
    /// </summary>
    public static TheoryData<int> Seeds => [Seed, .. RegressionSeeds];

    private static readonly int[] RegressionSeeds = [];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Fuzzed_slack_commands_and_interactions_never_get_a_5xx_and_refusals_change_nothing(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 120; i++)
        {
            var person = Person(random);
            var responseUrl = _h.Slack.NewResponseUrl();
            var (path, body, contentType) = random.Next(10) switch
            {
                < 3 => ("/slack/commands", Encoding.UTF8.GetBytes(SlashCommandForm(random, person, responseUrl)), "application/x-www-form-urlencoded"),
                < 6 => ("/slack/interactions", Encoding.UTF8.GetBytes(SlackStandIn.Form(new Dictionary<string, string>
                    { ["payload"] = RequestGrammar.BlockActions(random, person.UserId, person.ChannelId, responseUrl).ToJsonString() })), "application/x-www-form-urlencoded"),
                6 => ("/slack/interactions", Encoding.UTF8.GetBytes(SlackStandIn.Form(new Dictionary<string, string> { ["payload"] = FuzzJson(random) })), "application/x-www-form-urlencoded"),
                < 9 => ("/slack/events", Encoding.UTF8.GetBytes(Mention(random, person, i).ToJsonString()), "application/json"),
                _ => (Pick(random, "/slack/commands", "/slack/interactions", "/slack/events"), FuzzBytes(random), Pick(random, "application/x-www-form-urlencoded", "application/json", "text/plain", "multipart/form-data; boundary=x", "")),
            };
            await ExpectNoServerErrorAsync(() => _h.SendSlackRawAsync(path, body, contentType), $"seed {seed}, {path} #{i} from {person.UserId}",
                fromAdmin: person.UserId == AllPlatforms.SlackAdmin);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Fuzzed_teams_activities_with_valid_tokens_never_get_a_5xx_and_refusals_change_nothing(int seed)
    {
        var random = new Random(seed + 1);
        for (var i = 0; i < 120; i++)
        {
            var from = random.Next(6) == 0 ? TeamsPerson.Alice : TeamsPerson.Bob;   // Alice is the admin
            var body = random.Next(6) switch
            {
                < 4 => Encoding.UTF8.GetBytes(MutatedActivity(random, from).ToJsonString()),
                4 => Encoding.UTF8.GetBytes(FuzzJson(random)),
                _ => FuzzBytes(random),
            };
            var contentType = i % 5 == 4 ? Pick(random, "text/plain", "application/x-www-form-urlencoded", "") : "application/json";
            await ExpectNoServerErrorAsync(() => _h.SendTeamsRawAsync(body, contentType), $"seed {seed}, teams #{i} from {from.Name}", fromAdmin: from == TeamsPerson.Alice);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Fuzzed_admin_requests_never_get_a_5xx_and_refusals_change_nothing(int seed)
    {
        var random = new Random(seed + 2);
        for (var i = 0; i < 90; i++)
        {
            var (method, path, kind) = Pick(random,
                (HttpMethod.Put, "/admin/devices/" + Pick(random, "fz1", "fz2", "aqm0523", "FZ1", "%20", "x%00y"), "device"),
                (HttpMethod.Post, "/admin/mappings", "mapping"),
                (HttpMethod.Put, "/admin/callers/" + Pick(random, "slack", "teams", "web", "irc") + "/U0FZ", "caller"),
                (HttpMethod.Post, "/admin/family-mappings", "family"),
                (HttpMethod.Delete, "/admin/mappings?channel=" + Uri.EscapeDataString(Pick(random, "slack:C0OPS", FuzzText(random))) + "&device=" + Pick(random, "aqm0523", "AQM0523", ""), "none"));
            var body = random.Next(5) switch
            {
                < 3 => Encoding.UTF8.GetBytes(RequestGrammar.AdminBody(random, kind).ToJsonString()),
                3 => Encoding.UTF8.GetBytes(FuzzJson(random)),
                _ => FuzzBytes(random),
            };
            var contentType = i % 7 == 6 ? "text/plain" : "application/json";
            // The same request first without the admin's key (anyone on the network), then with it.
            var key = Pick(random, null, "", "wrong-key", BotTestHost.AdminKey.ToUpperInvariant(), BotTestHost.AdminKey[..^1]);
            await ExpectNoServerErrorAsync(() => SendAsync(_h.Bot.Client, key), $"seed {seed}, {method} {path} #{i} with key '{key}'");
            await ExpectNoServerErrorAsync(() => SendAsync(_h.Bot.Admin, null), $"seed {seed}, {method} {path} #{i}", fromAdmin: true);

            async Task<HttpResponseMessage> SendAsync(HttpClient client, string? apiKey)
            {
                using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                if (apiKey is not null) request.Headers.TryAddWithoutValidation("X-Api-Key", apiKey);
                return await client.SendAsync(request);
            }
        }
    }

    [Fact]
    public async Task Markup_in_aliases_and_names_reaches_the_stanza_block_kit_and_card_json_as_plain_text()
    {
        (await _h.Bot.Admin.PutAsJsonAsync($"/admin/callers/slack/{AllPlatforms.Zhang.UserId}", new { userId = 640778, userName = Hostile, userNo = "no<1>&", tenantId = 886 })).EnsureSuccessStatusCode();
        var zhang = AllPlatforms.Zhang with { UserName = Hostile };

        // Block Kit: valid blocks; Slack's control sequences arrive escaped, so nobody is pinged and nothing is bolded.
        var responseUrl = _h.Slack.NewResponseUrl();
        using var command = await _h.Slack.SendCommandAsync(_h.Bot.BaseAddress, zhang, "/call", "aqm0523", responseUrl);
        var answer = JsonDocument.Parse(await command.Content.ReadAsStringAsync()).RootElement;
        Assert.Empty(SlackBlockRules.Problems(answer.GetProperty("blocks")));
        // mrkdwn (and the notification text) is where Slack reads control sequences; plain_text is shown literally.
        var mrkdwn = Descendants(JsonNode.Parse(answer.GetProperty("blocks").GetRawText()))
            .OfType<JsonObject>().Where(o => o["type"]?.GetValue<string>() == "mrkdwn").Select(o => o["text"]!.GetValue<string>())
            .Append(answer.GetProperty("text").GetString()!).ToList();
        Assert.Contains(mrkdwn, t => t.Contains("&lt;!channel&gt;", StringComparison.Ordinal));
        Assert.DoesNotContain(mrkdwn, t => t.Contains("<!channel>", StringComparison.Ordinal) || t.Contains("<@U0ADMIN>", StringComparison.Ordinal));

        // The ISDP stanza: well-formed XML whose fields read back exactly as given.
        using (await _h.Slack.ClickAsync(_h.Bot.BaseAddress, zhang, Button(answer, CardVerbs.CallConfirm), responseUrl)) { }
        var invite = Assert.Single(await _h.Isdp.WaitForInvitesAsync(1, AllPlatforms.Wait));
        Assert.Equal((Hostile, "no<1>&"), (invite.UserName, invite.UserNo));
        XDocument.Parse(invite.RawStanza);

        // Teams: the card is JSON whose text values hold the alias exactly (no broken-out properties).
        var message = ChannelActivities.Message(_h.Teams.ServiceUrl, _h.Teams.Settings.AppId, AllPlatforms.TeamsChannel, TeamsPerson.Bob with { Name = Hostile }, "call aqm0523");
        (await _h.SendTeamsAsync(message)).EnsureSuccessStatusCode();
        var card = (await _h.Teams.WaitForAsync(c => c.Any(x => x.Operation == "reply" && x.Status == 201), AllPlatforms.Wait)).Last(x => x.Operation == "reply").Card!;
        var values = Strings(card).ToList();
        Assert.Contains(values, v => v.Contains(Hostile, StringComparison.Ordinal));
        Assert.DoesNotContain(Descendants(card), n => n is JsonObject o && o["type"]?.GetValue<string>() == "x");
    }

    // ---- what every fuzzed request must satisfy -----------------------------------------------------------------

    /// <summary>
    /// Never a 5xx; a refusal changes nothing stored; and a request from anyone but an admin leaves what only an admin
    /// may change as it was when the test began, whatever the answer (a 200 included).
    /// </summary>
    private async Task ExpectNoServerErrorAsync(Func<Task<HttpResponseMessage>> send, string what, bool fromAdmin = false)
    {
        var before = await _h.StateAsync();
        using var response = await send();
        Assert.True((int)response.StatusCode < 500, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await _h.QuietAsync();   // what the request set going after its answer counts as its doing
        if ((int)response.StatusCode >= 400)
            Assert.Equal(before, await _h.StateAsync());
        var adminState = await _h.AdminStateAsync();
        if (fromAdmin) _adminState = adminState;
        else Assert.True(_adminState == adminState, $"{what} (not an admin) answered {(int)response.StatusCode} and changed what only an admin may change:\n{adminState}");
        Assert.Equal(HttpStatusCode.OK, (await _h.Bot.Client.GetAsync("/healthz")).StatusCode);
    }

    // ---- a small seeded generator ------------------------------------------------------------------------------

    internal static T Pick<T>(Random random, params T[] options) => RequestGrammar.Pick(random, options);

    private string SlashCommandForm(Random random, SlackPersonInChannel who, string responseUrl)
    {
        var (command, text) = random.Next(5) == 0 ? (Pick(random, "/call", "/devices", "/x", ""), FuzzText(random)) : RequestGrammar.SlashCommand(random);
        return _h.Slack.CommandForm(who, command, text, responseUrl);
    }

    /// <summary>An Events API callback: someone mentions the bot with a command, as Slack sends it (then one field mutated).</summary>
    private static JsonObject Mention(Random random, SlackPersonInChannel who, int n)
    {
        var mention = new JsonObject
        {
            ["type"] = Pick(random, "app_mention", "app_mention", "message"),
            ["user"] = who.UserId,
            ["channel"] = who.ChannelId,
            ["text"] = "<@U0BOT> " + RequestGrammar.CommandText(random),
            ["ts"] = $"1700000000.{n:D6}",
        };
        var callback = new JsonObject
        {
            ["type"] = "event_callback",
            ["team_id"] = "T0STANDIN",
            ["api_app_id"] = "A0STANDIN",
            ["event_id"] = $"Ev{random.Next():X8}{n}",
            ["event_time"] = 1700000000,
            ["event"] = mention,
        };
        if (random.Next(3) == 0) RequestGrammar.MutateField(random, random.Next(2) == 0 ? callback : mention);
        return callback;
    }

    private static SlackPersonInChannel Person(Random random) =>
        new(Pick(random, "U0ZHANG", "U0ZHANG", "U0LI", AllPlatforms.SlackAdmin, "", "U" + new string('9', 300)), random.Next(3) == 0 ? FuzzText(random) : "张三",
            Pick(random, AllPlatforms.SlackChannel, AllPlatforms.SlackChannel, "C0OTHER", "", "D0DM"), "ops");

    internal static string FuzzText(Random random) => random.Next(9) switch
    {
        0 => "",
        1 => new string('x', random.Next(3_000, 40_000)),
        2 => "call " + Hostile,
        3 => Pick(random, "devices map ", "map ", "devices unmap ", "unmap ") + Pick(random, "aqm0523", "AQM0523", Hostile, "../../etc/passwd"),
        4 => "call aqm0523 " + string.Concat(Enumerable.Repeat("\u202e\u0000\ufeff", 50)),
        5 => string.Concat(Enumerable.Range(0, random.Next(1, 200)).Select(_ => (char)random.Next(0, 0xD7FF))),
        6 => "９９９９９９９９９９９９９９９９９９９９９９９９９９９９",
        7 => "help " + new string('\n', 500),
        _ => "call " + (char)0xD800,   // a lone surrogate
    };

    internal static string FuzzJson(Random random) => random.Next(10) switch
    {
        0 => new string('[', 100_000) + new string(']', 100_000),
        1 => string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000),
        2 => "{\"type\":\"block_actions\",\"actions\":[{\"action_id\":\"alarm.ack#1\",\"value\":1e999}],\"user\":{\"id\":123456789012345678901234567890}}",
        3 => "{\"type\":\"block_actions\",\"actions\":null}",
        4 => "{\"type\":\"block_actions\",\"user\":{\"id\":\"U0ZHANG\"},\"channel\":{\"id\":\"C0OPS\"},\"actions\":[{\"action_id\":\"call.confirm#x\",\"value\":\"" + new string('9', 10_000) + "\"}]}",
        5 => "{\"type\":\"view_submission\"}",
        6 => "{\"isdpDeviceId\":" + new string('9', 400) + ",\"chatJid\":[],\"alias\":{}}",
        7 => "{\"channel\":\"slack:" + Hostile.Replace("\"", "\\\"") + "\",\"device\":null,\"familyId\":-1e308}",
        8 => "null",
        _ => "{\"userId\":\"x\",\"userName\":\"\",\"tenantId\":99999999999999999999}",
    };

    internal static byte[] FuzzBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 4_000)];
        random.NextBytes(bytes);
        // Invalid UTF-8 around text that otherwise looks right.
        return [.. Encoding.UTF8.GetBytes("payload=%7B%22type%22%3A"), 0xC3, 0x28, 0xFF, 0xFE, .. bytes, .. Encoding.UTF8.GetBytes("&text=call+aqm0523")];
    }

    /// <summary>A real activity (a message's text from the command grammar), half the time with one field removed, retyped or blown up.</summary>
    private JsonObject MutatedActivity(Random random, TeamsPerson from)
    {
        var activity = random.Next(5) switch
        {
            < 2 => ChannelActivities.Message(_h.Teams.ServiceUrl, _h.Teams.Settings.AppId, AllPlatforms.TeamsChannel, from, RequestGrammar.CommandText(random)),
            2 => ChannelActivities.Execute(_h.Teams.ServiceUrl, _h.Teams.Settings.AppId, AllPlatforms.TeamsChannel, from, "1", Pick(random, CardVerbs.AlarmAcknowledge, CardVerbs.CallConfirm, "x"), Pick(random, "123", "1", "", Hostile)),
            3 => ChannelActivities.Submit(_h.Teams.ServiceUrl, _h.Teams.Settings.AppId, AllPlatforms.TeamsChannel, from, "1", Pick(random, CardVerbs.CallConfirm, CardVerbs.AlarmAcknowledge, "x"), Pick(random, "x", "1", "")),
            _ => ChannelActivities.ConversationUpdate(_h.Teams.ServiceUrl, _h.Teams.Settings.AppId, AllPlatforms.TeamsChannel, from, added: random.Next(2) == 0),
        };
        if (random.Next(2) == 0) return activity;
        var field = Pick(random, "type", "from", "conversation", "recipient", "channelData", "value", "text", "entities", "serviceUrl", "id", "name", "replyToId");
        activity[field] = random.Next(6) switch
        {
            0 => null,
            1 => JsonValue.Create(1e300),
            2 => new JsonArray(1, "two", new JsonObject()),
            3 => JsonValue.Create(new string('z', 70_000)),
            4 => JsonNode.Parse(string.Concat(Enumerable.Repeat("{\"a\":", 60)) + "1" + new string('}', 60)),
            _ => JsonValue.Create(Hostile),
        };
        if (random.Next(4) == 0) activity.Remove(Pick(random, "type", "from", "conversation", "channelData"));
        return activity;
    }

    private static IEnumerable<JsonNode?> Descendants(JsonNode? node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
            foreach (var d in Descendants(child)) yield return d;
    }

    private static IEnumerable<string> Strings(JsonNode? node) =>
        Descendants(node).OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>());
}
