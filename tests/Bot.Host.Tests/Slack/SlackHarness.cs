using System.Text.Json;
using Bot.Host.Tests.Calls;
using Bot.Host.Tests.Support;
using Bot.StandIns;
using Bot.StandIns.Slack;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Host.Tests.Slack;

/// <summary>The real bot with Slack switched on, against the Slack and ISDP stand-ins.</summary>
internal sealed class SlackHarness : IAsyncDisposable
{
    public const string Jid = "759646@saasgroupchat.isdp-saas-sit.test.huawei.com";
    public const string AdminId = "U0ADMIN";
    public static readonly SlackPersonInChannel Zhang = new("U0ZHANG", "张三", "C0OPS", "ops");
    public static readonly SlackPersonInChannel Li = new("U0LI", "li.si", "C0OPS", "ops");
    /// <summary>Slack says this person reads Chinese.</summary>
    public static readonly SlackPersonInChannel Wang = new("U0WANG", "wang.wu", "C0OPS", "ops");
    public static readonly SlackPersonInChannel Boss = new(AdminId, "admin", "C0OPS", "ops");
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private SlackHarness(SlackStandIn slack, IsdpStandIn isdp, BotTestHost bot)
    {
        Slack = slack;
        Isdp = isdp;
        Bot = bot;
    }

    public SlackStandIn Slack { get; }
    public IsdpStandIn Isdp { get; }
    public BotTestHost Bot { get; }

    public static async Task<SlackHarness> StartAsync(TimeProvider? time = null, bool socketMode = false, bool http = true, SlackStandInSettings? slackSettings = null,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var clock = time ?? TimeProvider.System;
        var slack = await SlackStandIn.StartAsync((slackSettings ?? new SlackStandInSettings
        {
            Users = new Dictionary<string, (string, string)>
            {
                [Zhang.UserId] = ("张三", "en-US"),
                [Li.UserId] = ("li.si", "en-US"),
                [AdminId] = ("admin", "en-US"),
                [Wang.UserId] = ("王五", "zh-CN"),
            },
        }) with { Time = clock });
        var isdp = await IsdpStandIn.StartAsync(new IsdpStandInSettings { Time = clock });
        var settings = CallFlowTests.IsdpSettings(isdp);
        settings["Slack:SigningSecret"] = http ? slack.Settings.SigningSecret : "";
        settings["Slack:BotToken"] = slack.Settings.BotToken;
        settings["Slack:AppToken"] = socketMode ? slack.Settings.AppToken : "";
        settings["Slack:ApiBaseUrl"] = slack.ApiBaseUrl;
        settings["Slack:Admins:0"] = AdminId;
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var bot = await BotTestHost.StartAsync(settings, time is null ? null : b => b.Services.Replace(ServiceDescriptor.Singleton(time)));
        await bot.AddDeviceAsync("aqm0523", "aqm0523--1", Jid, "泵房", "slack:C0OPS");
        await bot.AddDeviceAsync("bxk1000", "bxk1000--1", "1000@example.com", null);
        return new SlackHarness(slack, isdp, bot);
    }

    /// <summary><c>/command text</c> as <paramref name="who"/>; returns the bot's answer (asserted 200) and the command's response_url.</summary>
    public async Task<(JsonElement Answer, string ResponseUrl)> CommandAsync(SlackPersonInChannel who, string command, string text)
    {
        var responseUrl = Slack.NewResponseUrl();
        // Not Slack's 3 seconds in real time (a loaded machine is no slower bot): that promise is the bot answering
        // before slow work completes, asserted with held work (SlackLateAnswerTests, SlackCallTests).
        using var deadline = new CancellationTokenSource(Wait);
        using var response = await Slack.SendSignedAsync(new Uri(Bot.BaseAddress, "/slack/commands"), "application/x-www-form-urlencoded",
            Slack.CommandForm(who, command, text, responseUrl), cancellationToken: deadline.Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (answer, responseUrl);
    }

    /// <summary>Clicks a button as <paramref name="who"/>; asserts the bot acknowledged it (200).</summary>
    public async Task ClickAsync(SlackPersonInChannel who, JsonElement button, string responseUrl)
    {
        using var deadline = new CancellationTokenSource(Wait);
        using var response = await Slack.SendSignedAsync(new Uri(Bot.BaseAddress, "/slack/interactions"), "application/x-www-form-urlencoded",
            SlackStandIn.Form(new Dictionary<string, string> { ["payload"] = Slack.BlockActionPayload(who, button, responseUrl).ToJsonString() }),
            cancellationToken: deadline.Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Every button of a message (actions blocks and section accessories).</summary>
    public static IReadOnlyList<JsonElement> Buttons(JsonElement message)
    {
        var buttons = new List<JsonElement>();
        foreach (var block in message.GetProperty("blocks").EnumerateArray())
        {
            if (block.TryGetProperty("elements", out var elements) && block.GetProperty("type").GetString() == "actions")
                buttons.AddRange(elements.EnumerateArray());
            if (block.TryGetProperty("accessory", out var accessory)) buttons.Add(accessory);
        }
        return buttons;
    }

    public static JsonElement Button(JsonElement message, string verb) =>
        Buttons(message).Single(b => b.GetProperty("action_id").GetString()!.StartsWith(verb + "#", StringComparison.Ordinal));

    public static string Header(JsonElement message) =>
        message.GetProperty("blocks").EnumerateArray().First(b => b.GetProperty("type").GetString() == "header").GetProperty("text").GetProperty("text").GetString()!;

    /// <summary>All visible text of a message: headers, sections, fields, context.</summary>
    public static string AllText(JsonElement message) => string.Join("\n", Texts(message.GetProperty("blocks")));

    private static IEnumerable<string> Texts(JsonElement node)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in node.EnumerateObject())
                {
                    if (p.Name == "text" && p.Value.ValueKind == JsonValueKind.String) yield return p.Value.GetString()!;
                    else foreach (var t in Texts(p.Value)) yield return t;
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                    foreach (var t in Texts(item)) yield return t;
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Slack.DisposeAsync();
        await Isdp.DisposeAsync();
    }
}
