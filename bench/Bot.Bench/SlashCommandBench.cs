using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Bot.Testing;

namespace Bot.Bench;

/// <summary>
/// Signed <c>/call aqm0523</c> requests against the running bot (a separate process: signature check, parsing,
/// the device from the in-memory inventory, the pending call signed into the card and its audit line queued, card
/// translation to Block Kit), and the same load against the bare floor in the same run.
/// </summary>
public static class SlashCommandBench
{
    private const string SigningSecret = "bench-signing-secret";

    public static async Task<IReadOnlyList<string>> RunAsync(TimeSpan duration, BenchStore? store = null)
    {
        store ??= BenchStore.LiteDb;
        var folder = Directory.CreateTempSubdirectory("bot-bench-slash-").FullName;
        var seed = Path.Combine(folder, "seed.json");
        await File.WriteAllTextAsync(seed, """
            { "devices": [ { "deviceId": "aqm0523", "isdpDeviceId": "aqm0523--1", "chatJid": "759646@saasgroupchat.isdp-saas-sit.test.huawei.com", "alias": "泵房" } ],
              "mappings": [ { "channel": "slack:CBENCH", "device": "aqm0523" } ] }
            """);
        var floorPort = FreePort();
        using var floor = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, $"floor {floorPort}") { UseShellExecute = false })!;
        var settings = new Dictionary<string, string>
        {
            ["Slack:SigningSecret"] = SigningSecret,
            ["Storage:SeedFile"] = seed,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        AlarmScenario.ApplyKnobs(settings);
        await using var bots = await store.StartAsync(folder, settings);
        await WaitForAsync(new Uri($"http://127.0.0.1:{floorPort}"));

        var lines = new List<string>(Header);
        var ratios = new List<string>();
        var target = bots.Processes.Count == 1 ? "bot `/slack/commands`" : $"{bots.Processes.Count} bots `/slack/commands` (round-robin)";
        foreach (var concurrency in Concurrencies)
        {
            var measured = await CompareAsync([.. bots.Processes.Select(b => b.BaseAddress)], new Uri($"http://127.0.0.1:{floorPort}"), concurrency, duration);
            lines.Add(Row(target, measured.Bot));
            lines.Add(Row("floor (bare endpoint)", measured.Floor));
            ratios.Add(Verdict(concurrency, measured));
        }
        floor.Kill();
        return [$"Store: {store.Label}.", "", .. lines, "", .. ratios];
    }

    /// <summary>The concurrencies of the command-path rows; <c>--concurrency N</c> runs one alone (a profile of one steady load).</summary>
    public static int[] Concurrencies { get; set; } = [32, 100];

    public static readonly string[] Header =
    [
        "| target | concurrency | requests/s | p50 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|",
    ];

    /// <summary>The command-path targets: at least half the floor's throughput, p99 within twice the floor's.</summary>
    public static string Verdict(int concurrency, LoadComparison measured)
    {
        var (bot, floor) = (measured.Bot, measured.Floor);
        var share = bot.RequestsPerSecond / floor.RequestsPerSecond;
        var p99 = bot.P99Ms / floor.P99Ms;
        return $"- at {concurrency} concurrent: {share:P0} of the floor's throughput (target ≥ 50 %: {(share >= 0.5 ? "met" : "missed")}; " +
               $"by round {measured.RoundShares.Min():P0}–{measured.RoundShares.Max():P0}); " +
               $"p99 {bot.P99Ms:F1} ms = {p99:F1}× the floor's {floor.P99Ms:F1} ms (target ≤ 2×: {(p99 <= 2 ? "met" : "missed")}); errors {bot.Errors}.";
    }

    /// <summary>A client of one target with a connection per worker, as the load generator uses it.</summary>
    public static HttpClient Client(Uri target, int concurrency) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = target,
            Timeout = TimeSpan.FromSeconds(10),
        };

    /// <summary>The bot (shared round-robin among replicas, as behind a simple balancer) and the floor, measured in turns.</summary>
    private static async Task<LoadComparison> CompareAsync(Uri[] bots, Uri floor, int concurrency, TimeSpan duration)
    {
        var botClients = bots.Select(target => Client(target, concurrency)).ToArray();
        using var floorClient = Client(floor, concurrency);
        try
        {
            var user = 0;
            return await LoadRun.CompareAsync(concurrency, LoadRun.WarmUp, duration,
                () => SendAsync(botClients, Interlocked.Increment(ref user)),
                () => SendAsync([floorClient], Interlocked.Increment(ref user)));
        }
        finally
        {
            foreach (var client in botClients) client.Dispose();
        }
    }

    private static async Task<bool> SendAsync(HttpClient[] clients, int n)
    {
        using var request = SignedCommand("/call", "aqm0523", $"UBENCH{n % 50}");
        using var response = await clients[n % clients.Length].SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    /// <summary>A slash command as Slack sends it: form body, timestamp and v0 HMAC-SHA256 signature.</summary>
    public static HttpRequestMessage SignedCommand(string command, string text, string userId)
    {
        var body = $"token=x&team_id=TBENCH&team_domain=bench&channel_id=CBENCH&channel_name=bench&user_id={userId}&user_name=bench&command={Uri.EscapeDataString(command)}&text={Uri.EscapeDataString(text)}&api_app_id=ABENCH&response_url={Uri.EscapeDataString("http://127.0.0.1:9/unused")}&trigger_id=1.2.3";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        return request;
    }

    public static string Row(string target, LoadResult r) =>
        $"| {target} | {r.Concurrency} | {r.RequestsPerSecond:F0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.Errors} |";

    public static async Task WaitForAsync(Uri target)
    {
        using var client = new HttpClient { BaseAddress = target };
        for (var i = 0; i < 200; i++)
        {
            try { if ((await client.GetAsync("/readyz")).IsSuccessStatusCode) return; }
            catch (HttpRequestException) { }
            await Task.Delay(25);
        }
        throw new TimeoutException("The floor did not start.");
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
