using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Core.Health;
using Bot.Core.Storage;
using Bot.Host.Tests.Support;
using Bot.Isdp;
using Bot.Slack;
using Bot.Teams;
using Bot.TencentIot;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Bot.Host.Tests.Health;

public sealed class ReadinessTests
{
    /// <summary>Every integration on (addresses nobody is asked for: the bot is built, not started).</summary>
    private static readonly Dictionary<string, string?> EveryIntegration = new()
    {
        ["Isdp:BaseUrl"] = "https://isdp.example.com",
        ["Slack:SigningSecret"] = "s3cret",
        ["Teams:MicrosoftAppId"] = "00000000-0000-0000-0000-000000000001",
        ["Teams:MicrosoftAppPassword"] = "secret",
        ["Tencent:AppKey"] = "key",
        ["Storage:LiteDb"] = "Filename=:memory:",
        ["Playground:Enabled"] = "false",
    };

    private static async Task<IReadOnlyList<HealthCheckRegistration>> RegistrationsAsync(Dictionary<string, string?> settings)
    {
        await using var app = BotApp.Create([], settings);
        return app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.ToList();
    }

    [Fact]
    public async Task The_checks_are_named_by_each_integrations_constant_and_all_serve_readyz()
    {
        var checks = await RegistrationsAsync(EveryIntegration);

        Assert.Equal(
            new[] { IsdpHealth.Name, SlackHealth.Name, StorageHealthCheck.Name, TeamsHealth.Name, TencentHealth.Name }.Order(StringComparer.Ordinal),
            checks.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(checks, c => Assert.Contains(Readiness.Tag, c.Tags));
        // An integration's failure degrades; only storage makes the bot unavailable.
        Assert.Equal(HealthStatus.Unhealthy, checks.Single(c => c.Name == StorageHealthCheck.Name).FailureStatus);
        Assert.All(checks.Where(c => c.Name != StorageHealthCheck.Name), c => Assert.Equal(HealthStatus.Degraded, c.FailureStatus));
    }

    [Fact]
    public async Task Integrations_that_are_off_have_no_check()
    {
        var checks = await RegistrationsAsync(new() { ["Storage:LiteDb"] = "Filename=:memory:", ["Playground:Enabled"] = "false" });
        Assert.Equal([StorageHealthCheck.Name], checks.Select(c => c.Name));
    }

    [Fact]
    public async Task Readyz_shows_a_configured_integration_before_it_is_used_and_its_failures_under_its_name()
    {
        await using var bot = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:SigningSecret"] = "s3cret" });

        var ready = await bot.Admin.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal("ok", ready.GetProperty("storage").GetString());
        var slack = Assert.Single(ready.GetProperty("integrations").EnumerateArray());
        Assert.Equal(SlackHealth.Name, slack.GetProperty("name").GetString());
        Assert.True(slack.GetProperty("healthy").GetBoolean());
        Assert.Equal("configured, not used yet", slack.GetProperty("detail").GetString());
        Assert.Equal(0, slack.GetProperty("consecutiveFailures").GetInt32());

        bot.Get<IntegrationOutcomes>().Failed(SlackHealth.Name, "chat.postMessage: ratelimited");
        bot.Get<IntegrationOutcomes>().Failed(SlackHealth.Name, "chat.postMessage: ratelimited");
        using var response = await bot.Admin.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var degraded = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("degraded", degraded.GetProperty("status").GetString());
        var failed = Assert.Single(degraded.GetProperty("integrations").EnumerateArray());
        Assert.False(failed.GetProperty("healthy").GetBoolean());
        Assert.Equal("chat.postMessage: ratelimited", failed.GetProperty("detail").GetString());
        Assert.Equal(2, failed.GetProperty("consecutiveFailures").GetInt32());
    }

    [Fact]
    public async Task Without_the_admin_key_readyz_gives_the_status_only()
    {
        await using var bot = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Slack:SigningSecret"] = "s3cret" });
        bot.Get<IntegrationOutcomes>().Failed(SlackHealth.Name, "POST https://slack.internal.example.com/api: 502");

        foreach (var key in new string?[] { null, "wrong-key" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/readyz");
            if (key is not null) request.Headers.Add("X-Api-Key", key);
            using var response = await bot.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(["status"], body.EnumerateObject().Select(p => p.Name));
            Assert.Equal("degraded", body.GetProperty("status").GetString());
            Assert.DoesNotContain("slack.internal", await response.Content.ReadAsStringAsync());
        }

        var admin = await bot.Admin.GetFromJsonAsync<JsonElement>("/readyz");
        Assert.Equal("production", admin.GetProperty("mode").GetString());
        var slack = Assert.Single(admin.GetProperty("integrations").EnumerateArray());
        Assert.Equal("POST https://slack.internal.example.com/api: 502", slack.GetProperty("detail").GetString());
        Assert.False(slack.GetProperty("simulated").GetBoolean());
    }

    [Fact]
    public async Task Unavailable_storage_is_a_503_without_the_key_too_but_only_the_admin_reads_why()
    {
        await using var bot = await BotTestHost.StartAsync(configure: builder =>
            builder.Services.Replace(ServiceDescriptor.Singleton<IStorageProbe>(new BrokenStorage("disk /srv/bot/data gone"))));

        using var response = await bot.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("{\"status\":\"unavailable\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_needs_the_admin_key()
    {
        await using var bot = await BotTestHost.StartAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.Client.GetAsync("/openapi/v1.json")).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json") { Headers = { { "X-Api-Key", "wrong-key" } } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await bot.Client.SendAsync(wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.Admin.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task Unreachable_storage_makes_readyz_503_unavailable_while_healthz_stays_alive()
    {
        await using var bot = await BotTestHost.StartAsync(configure: builder =>
            builder.Services.Replace(ServiceDescriptor.Singleton<IStorageProbe>(new BrokenStorage("disk gone"))));

        using var response = await bot.Admin.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unavailable", body.GetProperty("status").GetString());
        Assert.Equal("disk gone", body.GetProperty("storage").GetString());
        Assert.Empty(body.GetProperty("integrations").EnumerateArray());

        using var alive = await bot.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal("alive", (await alive.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    private sealed class BrokenStorage(string problem) : IStorageProbe
    {
        public Task<string?> ProblemAsync(CancellationToken cancellationToken = default) => Task.FromResult<string?>(problem);
    }
}
