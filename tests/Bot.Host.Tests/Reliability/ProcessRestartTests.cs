using System.Net.Http.Json;
using Bot.Host.Tests.Support;

namespace Bot.Host.Tests.Reliability;

[Trait("Category", "Slow")]
public sealed class ProcessRestartTests
{
    [Fact]
    public async Task The_database_opens_after_every_hard_kill_and_keeps_what_was_acknowledged()
    {
        var folder = Directory.CreateTempSubdirectory("bot-kill-").FullName;
        var settings = new Dictionary<string, string> { ["Admin:ApiKey"] = BotTestHost.AdminKey, ["Logging:LogLevel:Default"] = "Warning" };
        var acknowledged = new List<string>();
        var random = new Random(20261122);

        for (var round = 0; round < 5; round++)
        {
            await using var bot = await BotProcess.StartAsync(folder, settings);
            using var admin = new HttpClient { BaseAddress = bot.BaseAddress };
            admin.DefaultRequestHeaders.Add("X-Api-Key", BotTestHost.AdminKey);

            // Everything a previous round had confirmed is still there.
            var stored = await admin.GetFromJsonAsync<List<DeviceRow>>("/admin/devices");
            Assert.Superset(acknowledged.ToHashSet(), stored!.Select(d => d.DeviceId).ToHashSet());

            // Write while the kill comes at a random moment after the first answered write (so a round on a loaded
            // machine is never empty); only answered writes count as acknowledged.
            using var stop = new CancellationTokenSource();
            var delay = TimeSpan.FromMilliseconds(random.Next(50, 400));
            var n = 0;
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    var id = $"r{round}d{n++}";
                    var put = await admin.PutAsJsonAsync($"/admin/devices/{id}", new { isdpDeviceId = id + "--1", chatJid = $"{n}@x.test" }, stop.Token);
                    if (!put.IsSuccessStatusCode) continue;
                    acknowledged.Add(id);
                    if (acknowledged.Count(a => a.StartsWith($"r{round}d", StringComparison.Ordinal)) == 1) stop.CancelAfter(delay);
                }
            }
            catch (OperationCanceledException) { }
            bot.KillHard();
        }

        await using var last = await BotProcess.StartAsync(folder, settings);
        using var check = new HttpClient { BaseAddress = last.BaseAddress };
        check.DefaultRequestHeaders.Add("X-Api-Key", BotTestHost.AdminKey);
        var final = await check.GetFromJsonAsync<List<DeviceRow>>("/admin/devices");
        Assert.Superset(acknowledged.ToHashSet(), final!.Select(d => d.DeviceId).ToHashSet());
        Assert.NotEmpty(acknowledged);
    }

    private sealed record DeviceRow(string DeviceId);
}
