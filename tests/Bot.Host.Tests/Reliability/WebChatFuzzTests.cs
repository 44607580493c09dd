using System.Text;
using System.Text.Json;
using Bot.Host.Tests.Playground;
using Bot.Host.Tests.Support;
using Bot.WebChat;
using static Bot.Host.Tests.Reliability.HostileInputTests;

namespace Bot.Host.Tests.Reliability;

/// <summary>The playground's web chat endpoints under seeded fuzzing: never a 5xx; a refused request adds nothing to the room or the store.</summary>
[Trait("Category", "Slow")]
public sealed class WebChatFuzzTests : IAsyncLifetime
{
    private BotTestHost _bot = null!;

    public async Task InitializeAsync() => _bot = await WebChatTests.StartPlaygroundAsync();

    public Task DisposeAsync() => _bot.DisposeAsync().AsTask();

    [Fact]
    public async Task Fuzzed_messages_and_actions_never_get_a_5xx_and_refusals_change_nothing()
    {
        var random = new Random(20261122 + 3);
        for (var i = 0; i < 100; i++)
        {
            var path = Pick(random, "/web/messages", "/web/actions");
            var body = (i % 3) switch
            {
                0 => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
                {
                    user = new { id = Pick(random, "g1", "", new string('g', 500)), name = FuzzText(random), locale = Pick(random, "en-US", "zh-CN", "", "xx-<b>") },
                    text = FuzzText(random),
                    verb = Pick(random, "call.confirm", "alarm.ack", "call.start", "<script>", ""),
                    id = Pick(random, "1", "aqm0523", new string('9', 400), ""),
                })),
                1 => Encoding.UTF8.GetBytes(FuzzJson(random)),
                _ => FuzzBytes(random),
            };
            var contentType = i % 5 == 4 ? Pick(random, "text/plain", "application/x-www-form-urlencoded", "") : "application/json";

            var before = await StateAsync();
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            using var response = await _bot.Client.SendAsync(request);
            Assert.True((int)response.StatusCode < 500, $"{path} #{i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if ((int)response.StatusCode >= 400) Assert.Equal(before, await StateAsync());
        }
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
