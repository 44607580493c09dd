using System.Net.Http.Json;
using Bot.Host;
using Bot.Playground;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Bot.WebChat;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Host.Tests.Support;

/// <summary>
/// The real bot on Kestrel at 127.0.0.1 (a free port), with its own temporary LiteDB file (with
/// <c>Playground:Enabled=true</c>: the playground, as <c>src/Bot.Playground</c> runs it).
/// Stand-in URLs and other settings come in through <c>settings</c>; services can be replaced in <c>configure</c>.
/// </summary>
public sealed class BotTestHost : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";

    private readonly WebApplication _app;

    private BotTestHost(WebApplication app, string folder, Uri baseAddress)
    {
        _app = app;
        Folder = folder;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress };
        Admin = new HttpClient { BaseAddress = baseAddress };
        Admin.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        // In the playground both clients are the person who started it: they carry the web chat's per-start key.
        WebChatKey = app.Services.GetRequiredService<IOptions<WebChatOptions>>().Value.AccessKey;
        if (WebChatKey.Length > 0)
        {
            Client.DefaultRequestHeaders.Add(WebChatKeyCheck.Header, WebChatKey);
            Admin.DefaultRequestHeaders.Add(WebChatKeyCheck.Header, WebChatKey);
        }
    }

    /// <summary>The web chat's per-start key (empty without the playground).</summary>
    public string WebChatKey { get; }

    /// <summary>Temporary folder holding the database; kept across a restart when passed back in.</summary>
    public string Folder { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }
    /// <summary>A client that sends the admin key.</summary>
    public HttpClient Admin { get; }
    public IServiceProvider Services => _app.Services;

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public static async Task<BotTestHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        string? folder = null)
    {
        folder ??= Directory.CreateTempSubdirectory("bot-test-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage:LiteDb"] = $"Filename={Path.Combine(folder, "bot.db")}",
            ["Admin:ApiKey"] = AdminKey,
            // Tests say which integrations they want; the no-accounts playground stays off unless a test turns it on.
            ["Playground:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;

        // The production host, unless the test turns the playground on: then the playground project composes it.
        var app = all.GetValueOrDefault("Playground:Enabled") == "true"
            ? await PlaygroundApp.CreateAsync([], all, configure)
            : BotApp.Create([], all, configure);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BotTestHost(app, folder, new Uri(address.Replace("[::]", "127.0.0.1")));
    }

    /// <summary>Adds a device and maps it to channels through the admin API, as an admin would.</summary>
    public async Task AddDeviceAsync(string deviceId, string isdpDeviceId, string chatJid, string? alias = null, params string[] channelKeys)
    {
        var put = await Admin.PutAsJsonAsync($"/admin/devices/{deviceId}", new { isdpDeviceId, chatJid, alias });
        put.EnsureSuccessStatusCode();
        foreach (var channel in channelKeys)
            (await Admin.PostAsJsonAsync("/admin/mappings", new { channel, device = deviceId })).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Waits until what commands handed to storage behind their answers (the requests' and refusals' audit lines) is
    /// committed: flushes the audit queue until nothing waits, for tests that read the audit right after an answer.
    /// </summary>
    public async Task WritesSettledAsync()
    {
        var queue = Get<Bot.Core.Calls.CallAuditQueue>();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (queue.Waiting > 0)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"{queue.Waiting} audit line(s) behind answers never committed");
            // A flush, not a wait: the queue gathers lines under load by the bot's clock, which a test may hold still.
            await queue.FlushedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
