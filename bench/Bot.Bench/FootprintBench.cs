using System.Diagnostics;
using System.Text.Json;
using Bot.Testing;

namespace Bot.Bench;

/// <summary>Start-up until <c>/readyz</c>, resident memory at idle with 10,000 devices and 1,000 channels, and the database size.</summary>
public static class FootprintBench
{
    public static async Task<IReadOnlyList<string>> RunAsync(int devices = 10_000, int channels = 1_000, TimeSpan? idle = null)
    {
        var folder = Directory.CreateTempSubdirectory("bot-bench-footprint-").FullName;
        var settings = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" };
        // Runtime knobs to try on the bot without a rebuild, as in the fan-out: BOT_BENCH_ENV="DOTNET_TieredPGO=0;…".
        foreach (var knob in (Environment.GetEnvironmentVariable("BOT_BENCH_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            if (knob.Split('=', 2) is [var name, var value]) settings[name] = value;

        var clock = Stopwatch.StartNew();
        await using (var empty = await BotProcess.StartAsync(folder, settings)) { }
        var coldStart = clock.Elapsed;

        var seed = Path.Combine(folder, "seed.json");
        await File.WriteAllTextAsync(seed, SeedJson(devices, channels));
        clock.Restart();
        await using (var seeding = await BotProcess.StartAsync(folder, new Dictionary<string, string>(settings) { ["Storage:SeedFile"] = seed }, TimeSpan.FromMinutes(5))) { }
        var seeded = clock.Elapsed;

        clock.Restart();
        await using var bot = await BotProcess.StartAsync(folder, settings);
        var warmStart = clock.Elapsed;
        await Task.Delay(idle ?? TimeSpan.FromSeconds(10));
        var rss = bot.ResidentBytes();
        var parts = bot.ResidentParts();
        var size = Directory.GetFiles(folder, "bot*.db").Sum(f => new FileInfo(f).Length);

        return
        [
            "| measure | value |",
            "|---|---|",
            $"| start-up until `/readyz` (empty database) | {coldStart.TotalMilliseconds:F0} ms |",
            $"| start-up until `/readyz` ({devices:N0} devices, {channels:N0} channels stored) | {warmStart.TotalMilliseconds:F0} ms |",
            $"| first start loading the seed file ({devices:N0} devices, {devices:N0} mappings) | {seeded.TotalMilliseconds:F0} ms |",
            $"| resident memory at idle (after {(idle ?? TimeSpan.FromSeconds(10)).TotalSeconds:F0} s) | {rss / 1024.0 / 1024.0:F1} MB |",
            $"| of it anonymous / file-backed / JIT code (shared memory) | {FanOutBench.Parts(parts)} |",
            $"| database file size | {size / 1024.0 / 1024.0:F2} MB |",
        ];
    }

    /// <summary>Devices d0…, each mapped to one of the channels (Slack and Teams alternating), with a Tencent identity.</summary>
    public static string SeedJson(int devices, int channels)
    {
        var deviceList = Enumerable.Range(0, devices).Select(i => new
        {
            deviceId = $"d{i:D5}",
            isdpDeviceId = $"d{i:D5}--1",
            chatJid = $"{100000 + i}@saasgroupchat.example.com",
            alias = $"设备 {i}",
            tencent = new { productId = "BENCHPROD1", deviceName = $"dev{i:D5}" },
        });
        var mappings = Enumerable.Range(0, devices).Select(i => new { channel = ChannelKey(i % channels), device = $"d{i:D5}" });
        return JsonSerializer.Serialize(new { devices = deviceList, mappings });
    }

    public static string ChannelKey(int channel) => channel % 2 == 0 ? $"slack:CBENCH{channel:D4}" : $"teams:19:bench{channel:D4}@thread.tacv2";
}
