using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Playground;
using Bot.Host.Tests.Support;
using Bot.WebChat;
using Microsoft.Extensions.DependencyInjection;
using static Bot.Host.Tests.Reliability.HostileInputTests;

namespace Bot.Host.Tests.Reliability;

/// <summary>The playground's web chat endpoints under seeded fuzzing: never a 5xx; a refused request adds nothing to the room or the store.</summary>
[Trait("Category", "Slow")]
public sealed class WebChatFuzzTests : IAsyncLifetime
{
    private BotTestHost _bot = null!;

    // The playground makes everyone an admin of its room; here nobody is, so no request may change what only an admin may.
    public async Task InitializeAsync() => _bot = await BotTestHost.StartAsync(
        new Dictionary<string, string?> { ["Playground:Enabled"] = "true" },
        b => b.Services.PostConfigure<WebChatOptions>(o => o.EveryoneIsAdmin = false));

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    /// <summary>The seed every run starts from, then seeds that once found a fault (kept so it stays fixed).</summary>
    public static TheoryData<int> Seeds => [20261122 + 3, .. RegressionSeeds];

    private static readonly int[] RegressionSeeds = [];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Fuzzed_messages_and_actions_never_get_a_5xx_and_refusals_change_nothing(int seed)
    {
        var random = new Random(seed);
        var adminState = await AdminStateAsync();
        for (var i = 0; i < 100; i++)
        {
            var structured = random.Next(5) < 3;
            var path = structured && random.Next(3) != 0 ? "/web/messages" : Pick(random, "/web/messages", "/web/actions");
            var body = structured
                ? Encoding.UTF8.GetBytes(WebRequest(random).ToJsonString())
                : random.Next(2) == 0 ? Encoding.UTF8.GetBytes(FuzzJson(random)) : FuzzBytes(random);
            var contentType = i % 5 == 4 ? Pick(random, "text/plain", "application/x-www-form-urlencoded", "") : "application/json";

            // What the previous request handed to storage behind its answer is committed before the comparison starts.
            await _bot.WritesSettledAsync();
            var before = await StateAsync();
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            using var response = await _bot.Client.SendAsync(request);
            Assert.True((int)response.StatusCode < 500, $"seed {seed}, {path} #{i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            await _bot.WritesSettledAsync();
            if ((int)response.StatusCode >= 400) Assert.Equal(before, await StateAsync());
            // Whatever the answer, a 200 included: nobody here is an admin.
            Assert.True(adminState == await AdminStateAsync(), $"seed {seed}, {path} #{i} answered {(int)response.StatusCode} and changed what only an admin may change");
        }
    }

    /// <summary>What the page sends (a person, their text or the button they clicked), a third of the time with one field mutated.</summary>
    private static JsonObject WebRequest(Random random)
    {
        var user = new JsonObject
        {
            ["id"] = Pick(random, "g1", "g1", "g2", "", new string('g', 500)),
            ["name"] = random.Next(3) == 0 ? FuzzText(random) : "Ann",
            ["locale"] = Pick(random, "en-US", "zh-CN", "", "xx-<b>"),
        };
        var request = new JsonObject
        {
            ["user"] = user,
            ["text"] = random.Next(3) == 0 ? FuzzText(random) : RequestGrammar.CommandText(random),
            ["verb"] = Pick(random, "call.confirm", "alarm.ack", "call.start", "<script>", ""),
            ["id"] = Pick(random, "1", "aqm0523", new string('9', 400), ""),
        };
        if (random.Next(3) == 0) RequestGrammar.MutateField(random, random.Next(2) == 0 ? request : user);
        return request;
    }

    /// <summary>Devices, mappings, ISDP callers, family mappings, and calls past their request (audit and invites).</summary>
    private async Task<string> AdminStateAsync()
    {
        var parts = new List<string>();
        foreach (var path in new[] { "/admin/devices", "/admin/mappings", "/admin/callers", "/admin/family-mappings" })
            parts.Add(await _bot.Admin.GetStringAsync(path));
        var audit = JsonDocument.Parse(await _bot.Admin.GetStringAsync("/admin/calls/audit?max=1000")).RootElement;
        parts.AddRange(audit.EnumerateArray().Where(e => e.GetProperty("event").GetString() is not ("requested" or "refused-unknown-device" or "refused-not-mapped"))
            .Select(e => e.GetRawText()));
        parts.Add($"invites:{_bot.Get<PlaygroundStandIns>().Isdp.ReceivedInvites.Count}");
        return string.Join("\n", parts);
    }

    private async Task<string> StateAsync()
    {
        var said = _bot.Get<WebRooms>().Page.Messages.Count(m => m.Kind == WebMessage.FromPerson);
        var parts = new List<string> { $"said:{said}" };
        foreach (var path in new[] { "/admin/devices", "/admin/mappings", "/admin/calls/audit?max=1000", "/admin/alarms/acknowledgements?max=1000" })
            parts.Add(await _bot.Admin.GetStringAsync(path));
        return string.Join("\n", parts);
    }
}
