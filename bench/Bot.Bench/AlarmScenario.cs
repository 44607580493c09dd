using System.Net.Http.Headers;
using System.Text;
using Bot.StandIns.Slack;
using Bot.StandIns.Teams;
using Bot.StandIns.Tencent;

namespace Bot.Bench;

/// <summary>
/// What the alarm scenarios (<c>fanout</c>, <c>storm</c>) share: the bot's settings against the three stand-ins with the
/// seed of <see cref="FootprintBench.SeedJson"/>, the runtime knobs of <c>BOT_BENCH_ENV</c>, and the bot added to every
/// Teams channel of that seed.
/// </summary>
public static class AlarmScenario
{
    /// <summary>Seed, quiet logs, device alarms polled every second, each stand-in's settings, the Teams stand-in's certificate trusted.</summary>
    public static async Task<Dictionary<string, string>> SettingsAsync(string folder, int devices, int channels, TencentStandIn tencent, SlackStandIn slack, TeamsStandIn teams)
    {
        var seed = Path.Combine(folder, "seed.json");
        await File.WriteAllTextAsync(seed, FootprintBench.SeedJson(devices, channels));
        // The bot is its own process: it trusts the Teams stand-in's certificate as a root, like a private CA.
        var trust = Path.Combine(folder, "standin-ca.pem");
        await File.WriteAllTextAsync(trust, teams.CertificatePem);
        var settings = new Dictionary<string, string>
        {
            ["Storage:SeedFile"] = seed,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Tencent:PollInterval"] = "00:00:01",
            ["Tencent:Categories:0"] = "1",
            ["SSL_CERT_FILE"] = trust,
            ["SSL_CERT_DIR"] = folder,
        };
        foreach (var part in new IEnumerable<KeyValuePair<string, string?>>[] { slack.BotSettings(), tencent.BotSettings(), teams.BotSettings() })
            foreach (var (key, value) in part) settings[key] = value ?? "";
        return settings;
    }

    /// <summary>Runtime knobs to try on the bot without a rebuild, e.g. <c>BOT_BENCH_ENV="DOTNET_TieredPGO=0;DOTNET_gcConcurrent=0"</c>; they win over the scenario's.</summary>
    public static void ApplyKnobs(Dictionary<string, string> settings)
    {
        foreach (var knob in (Environment.GetEnvironmentVariable("BOT_BENCH_ENV") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            if (knob.Split('=', 2) is [var name, var value]) settings[name] = value;
    }

    /// <summary>Teams gives a bot a conversation reference when it is added to a team: that, for every Teams channel (the odd ones).</summary>
    public static async Task JoinTeamsChannelsAsync(Uri bot, TeamsStandIn teams, int channels)
    {
        using var toBot = new HttpClient { BaseAddress = bot };
        for (var c = 1; c < channels; c += 2)
        {
            var id = FootprintBench.ChannelKey(c)["teams:".Length..];
            var place = new TeamsPlace(id, "channel", teams.Settings.TenantId, id, "Bench", $"channel {c}");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
            {
                Content = new StringContent(ChannelActivities.ConversationUpdate(teams.ServiceUrl, teams.Settings.AppId, place, TeamsPerson.Alice).ToJsonString(), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", teams.ChannelToken());
            (await toBot.SendAsync(request)).EnsureSuccessStatusCode();
        }
    }
}
