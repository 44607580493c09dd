using System.Net.Http.Json;
using System.Text.Json;
using Bot.Core.Alarms;
using Bot.Core.Channels;
using Bot.Host.Tests.Support;
using Bot.StandIns.Tencent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Bot.Slack;
using Bot.Teams;

namespace Bot.Host.Tests.Alarms;

/// <summary>
/// The real bot with the Tencent stand-in, fake time, and recording surfaces for Slack and Teams.
/// Polls happen when the test moves the clock; <see cref="PollAsync"/> waits for the poll to finish.
/// </summary>
public sealed class AlarmHarness : IAsyncDisposable
{
    public const string NoticeChannel = "teams:19:notice@thread.tacv2";
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, string?> _extra;
    private readonly Func<AlarmHarness, Action<IServiceCollection>>? _services;

    private readonly HashSet<string> _realPlatforms;

    private AlarmHarness(TencentStandIn tencent, FakeTimeProvider time, Dictionary<string, string?> extra, Func<AlarmHarness, Action<IServiceCollection>>? services, HashSet<string> realPlatforms)
    {
        _realPlatforms = realPlatforms;
        Tencent = tencent;
        Time = time;
        _extra = extra;
        _services = services;
    }

    public static FakeTimeProvider NewClock() => new(DateTimeOffset.Parse("2026-11-22T08:00:00Z"));

    public FakeTimeProvider Time { get; }
    public TencentStandIn Tencent { get; }
    public RecordingSurface Slack { get; private set; } = new(SlackPlatform.Name);
    public RecordingSurface Teams { get; private set; } = new(TeamsPlatform.Name);
    public BotTestHost Bot { get; private set; } = null!;

    /// <param name="realPlatforms">Platforms whose real surface is configured through <paramref name="extra"/> (no recording double for them).</param>
    public static async Task<AlarmHarness> StartAsync(Dictionary<string, string?>? extra = null, Func<AlarmHarness, Action<IServiceCollection>>? services = null,
        FakeTimeProvider? time = null, params string[] realPlatforms)
    {
        time ??= NewClock();
        var tencent = await TencentStandIn.StartAsync(new TencentStandInSettings { Time = time });
        var harness = new AlarmHarness(tencent, time, extra ?? [], services, [.. realPlatforms]);
        await harness.StartBotAsync();
        return harness;
    }

    /// <summary>Starts the bot (again, on the same database when <paramref name="folder"/> is given) with fresh surfaces.</summary>
    public async Task StartBotAsync(string? folder = null, RecordingSurface? slack = null, RecordingSurface? teams = null)
    {
        Slack = slack ?? new RecordingSurface(SlackPlatform.Name);
        Teams = teams ?? new RecordingSurface(TeamsPlatform.Name);
        var settings = new Dictionary<string, string?>(Tencent.BotSettings())
        {
            ["Tencent:PollInterval"] = "00:00:15",
            // Generous: a loaded test machine must not turn an ordinary answer into a timeout.
            ["Tencent:RequestTimeout"] = "00:00:05",
            ["Alarms:NotificationChannels:0"] = NoticeChannel,
            ["Bot:DefaultLocale"] = "en-US",
            // These tests count one card per alarm; the storm and backlog tests switch folding on.
            ["Alarms:Storms:Enabled"] = "false",
            ["Alarms:Backlog:Enabled"] = "false",
        };
        foreach (var (k, v) in _extra) settings[k] = v;
        Bot = await BotTestHost.StartAsync(settings, b =>
        {
            b.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
            if (!_realPlatforms.Contains(SlackPlatform.Name)) b.Services.AddSingleton<IChatSurface>(Slack);
            if (!_realPlatforms.Contains(TeamsPlatform.Name)) b.Services.AddSingleton<IChatSurface>(Teams);
            _services?.Invoke(this)(b.Services);
        }, folder);
        await Bot.Get<PollerStatus>().WhenCyclesAsync(1).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task RestartBotAsync(RecordingSurface? slack = null, RecordingSurface? teams = null)
    {
        var folder = Bot.Folder;
        await Bot.DisposeAsync();
        await StartBotAsync(folder, slack, teams);
    }

    /// <summary>Moves the clock to the next poll and waits until that poll has finished.</summary>
    public async Task PollAsync(TimeSpan? advance = null)
    {
        var status = Bot.Get<PollerStatus>();
        var next = status.Cycles + 1;
        Time.Advance(advance ?? PollInterval);
        await status.WhenCyclesAsync(next).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task AddTencentDeviceAsync(string deviceId, string productId, string deviceName, params string[] channels)
    {
        (await Bot.Admin.PutAsJsonAsync($"/admin/devices/{deviceId}", new
        {
            isdpDeviceId = deviceId + "--1",
            chatJid = $"{deviceId}@isdp.example.com",
            alias = "Lamp",
            tencent = new { productId, deviceName },
        })).EnsureSuccessStatusCode();
        foreach (var channel in channels)
            (await Bot.Admin.PostAsJsonAsync("/admin/mappings", new { channel, device = deviceId })).EnsureSuccessStatusCode();
    }

    public async Task MapFamilyAsync(string familyId, params string[] channels)
    {
        foreach (var channel in channels)
            (await Bot.Admin.PostAsJsonAsync("/admin/family-mappings", new { channel, familyId })).EnsureSuccessStatusCode();
    }

    public async Task<JsonElement> AdminGetAsync(string path)
    {
        var response = await Bot.Admin.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Every delivery of every recent alarm, as the admin API lists them.</summary>
    public async Task<List<(string AlarmId, string Channel, string State)>> DeliveriesAsync()
    {
        var alarms = await AdminGetAsync("/admin/alarms?max=500");
        return alarms.EnumerateArray().SelectMany(a => a.GetProperty("deliveries").EnumerateArray()
            .Select(d => (a.GetProperty("id").GetString()!, d.GetProperty("channelKey").GetString()!, d.GetProperty("state").GetString()!))).ToList();
    }

    /// <summary>
    /// Waits until the stored deliveries satisfy <paramref name="condition"/>. The store has no signal, so this
    /// looks again every 20 ms (real time; the dispatcher stores a reference right after the surface answers).
    /// </summary>
    public async Task<List<(string AlarmId, string Channel, string State)>> WaitForDeliveriesAsync(
        Func<List<(string AlarmId, string Channel, string State)>, bool> condition, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var deliveries = await DeliveriesAsync();
            if (condition(deliveries)) return deliveries;
            if (DateTime.UtcNow > until) Assert.Fail($"deliveries not as expected: {string.Join(", ", deliveries)}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Tencent.DisposeAsync();
    }
}
