using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Bot.StandIns.Teams;
using Bot.Testing;

namespace Bot.Bench;

/// <summary>
/// Teams messages <c>@Bot call aqm0523</c> with a valid Bot Framework token against the running bot (token
/// validation with the channel's keys cached from the stand-in's OpenID metadata, the activity, the device from
/// the inventory, the pending call handed to the store behind the answer), beside the bare floor in the same run.
/// The bot posts its card to the stand-in's connector after answering; that work runs in the same process.
/// </summary>
public static class TeamsMessageBench
{
    private const string ConversationId = "19:benchcalls@thread.tacv2";

    public static async Task<IReadOnlyList<string>> RunAsync(TimeSpan duration)
    {
        var folder = Directory.CreateTempSubdirectory("bot-bench-teams-").FullName;
        var seed = Path.Combine(folder, "seed.json");
        await File.WriteAllTextAsync(seed, $$"""
            { "devices": [ { "deviceId": "aqm0523", "isdpDeviceId": "aqm0523--1", "chatJid": "759646@saasgroupchat.isdp-saas-sit.test.huawei.com", "alias": "泵房" } ],
              "mappings": [ { "channel": "teams:{{ConversationId}}", "device": "aqm0523" } ] }
            """);
        // The answer path is measured, not the connector's pacing: the stand-in takes every reply.
        await using var teams = await TeamsStandIn.StartAsync(new TeamsStandInSettings { ConversationLimits = [(1_000_000, TimeSpan.FromSeconds(1))] });
        var trust = Path.Combine(folder, "standin-ca.pem");
        await File.WriteAllTextAsync(trust, teams.CertificatePem);
        var settings = new Dictionary<string, string>
        {
            ["Storage:SeedFile"] = seed,
            ["Logging:LogLevel:Default"] = "Warning",
            ["SSL_CERT_FILE"] = trust,
            ["SSL_CERT_DIR"] = folder,
        };
        foreach (var (key, value) in teams.BotSettings()) settings[key] = value ?? "";
        AlarmScenario.ApplyKnobs(settings);

        var floorPort = SlashCommandBench.FreePort();
        using var floor = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, $"floor {floorPort}") { UseShellExecute = false })!;
        await using var bot = await BotProcess.StartAsync(folder, settings);
        await SlashCommandBench.WaitForAsync(new Uri($"http://127.0.0.1:{floorPort}"));

        var place = new TeamsPlace(ConversationId, "channel", teams.Settings.TenantId, ConversationId, "Bench", "calls");
        // One token for the run, as the channel reuses its token for an hour: the bot validates each request against cached keys.
        var token = teams.ChannelToken();
        var body = ChannelActivities.Message(teams.ServiceUrl, teams.Settings.AppId, place, TeamsPerson.Alice, "call aqm0523").ToJsonString();

        var lines = new List<string>(SlashCommandBench.Header);
        var ratios = new List<string>();
        foreach (var concurrency in SlashCommandBench.Concurrencies)
        {
            using var botClient = SlashCommandBench.Client(bot.BaseAddress, concurrency);
            using var floorClient = SlashCommandBench.Client(new Uri($"http://127.0.0.1:{floorPort}"), concurrency);
            var measured = await LoadRun.CompareAsync(concurrency, LoadRun.WarmUp, duration,
                () => SendAsync(botClient, body, token), () => SendAsync(floorClient, body, token));
            lines.Add(SlashCommandBench.Row("bot `/api/messages`", measured.Bot));
            lines.Add(SlashCommandBench.Row("floor (bare endpoint)", measured.Floor));
            ratios.Add(SlashCommandBench.Verdict(concurrency, measured));
        }
        floor.Kill();
        ratios.Add($"- the connector took {teams.Calls.Count} replies; 429s: {teams.RateLimited}.");
        return [.. lines, "", .. ratios];
    }

    private static async Task<bool> SendAsync(HttpClient client, string body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }
}
