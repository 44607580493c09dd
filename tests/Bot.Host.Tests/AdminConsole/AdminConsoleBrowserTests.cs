using System.Collections.Concurrent;
using System.Net.Http.Json;
using Bot.Core.Storage;
using Bot.Host.AdminConsole;
using Bot.Host.Tests.Playground;
using Bot.Host.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Bot.Host.Tests.AdminConsole;

/// <summary>
/// The admin console as an admin uses it: headless Chromium on the real bot. Every request the page makes is
/// recorded on the way in, so the test sees that the console's API requests carry the CSRF token.
/// </summary>
public sealed class AdminConsoleBrowserTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<SeenRequest> _seen = new();
    private BotTestHost _bot = null!;
    private PlaygroundPage _page = null!;

    private sealed record SeenRequest(string Method, string Path, string? Csrf, bool HasSession);

    public async Task InitializeAsync()
    {
        _bot = await BotTestHost.StartAsync(configure: builder =>
            builder.Services.AddSingleton<IStartupFilter>(new RecordRequests(r => _seen.Enqueue(r))));
        _page = new PlaygroundPage(new Uri(_bot.BaseAddress, "/admin/"));
    }

    public async Task DisposeAsync()
    {
        _page?.Dispose();
        await _bot.DisposeAsync();
    }

    [ChromiumFact]
    public async Task Sign_in_with_the_key_add_a_device_map_it_to_a_channel_and_see_it_listed()
    {
        var browser = _page.Browser;
        browser.Navigate().GoToUrl(new Uri(_bot.BaseAddress, "/admin/"));

        // Refused without the key: the console stays hidden and the API says 401 to the page.
        _page.Until(d => d.FindElement(By.Id("sign-in")) is { Displayed: true } form ? form : null);
        browser.FindElement(By.Id("key")).SendKeys("not-the-key" + Keys.Enter);
        var refusal = _page.Until(d => d.FindElement(By.Id("sign-in-error")) is { Displayed: true } e && e.Text.Length > 0 ? e : null);
        Assert.Equal(ConsoleTexts.Entries["keyRefused"].En, refusal.Text);
        Assert.False(browser.FindElement(By.Id("console")).Displayed);
        Assert.Equal(401L, browser.ExecuteScript("return fetch('/admin/devices').then(r => r.status)"));

        // Signed in with the key.
        browser.FindElement(By.Id("key")).SendKeys(BotTestHost.AdminKey + Keys.Enter);
        _page.Until(d => d.FindElement(By.Id("console")) is { Displayed: true } c ? c : null);
        Assert.Null(browser.ExecuteScript("return document.cookie.includes('bot-admin') ? 'visible' : null"));   // HTTP-only

        // A device, through the form.
        var form = browser.FindElement(By.Id("device-form"));
        form.FindElement(By.Name("deviceId")).SendKeys("pump7");
        form.FindElement(By.Name("isdpDeviceId")).SendKeys("pump7--1");
        form.FindElement(By.Name("chatJid")).SendKeys("707@isdp.example.test");
        form.FindElement(By.Name("alias")).SendKeys("Pump <7> & co");
        form.FindElement(By.CssSelector("button[type=submit]")).Click();
        var listed = _page.Until(d => d.FindElements(By.CssSelector("#devices tr[data-id='pump7']")).FirstOrDefault());
        Assert.Contains("Pump <7> & co", listed.Text);

        // Mapped to a channel, through the mappings tab.
        browser.FindElement(By.CssSelector("nav [data-tab='mappings']")).Click();
        var mapping = browser.FindElement(By.Id("mapping-form"));
        mapping.FindElement(By.Name("channel")).SendKeys("slack:C0CONSOLE");
        _page.Until(d => d.FindElements(By.CssSelector("#mapping-form option[value='pump7']")).FirstOrDefault()).Click();
        mapping.FindElement(By.CssSelector("button[type=submit]")).Click();
        _page.Until(d => d.FindElements(By.CssSelector("#mappings tr[data-channel='slack:C0CONSOLE'][data-device='pump7']")).FirstOrDefault());

        // Stored, as the API stores it.
        Assert.Equal("pump7--1", (await _bot.Get<IDeviceStore>().FindAsync("pump7"))!.IsdpDeviceId);
        Assert.Contains(await _bot.Get<IMappingStore>().AllAsync(), m => m.ChannelKey == "slack:C0CONSOLE" && m.DeviceId == "pump7");

        // On-call people and a silence, set through the API, shown on their tabs after a refresh.
        await _bot.Get<IOnCallStore>().SetOnCallAsync("slack:C0CONSOLE", [new Bot.Core.OnCall.OnCallPerson("U0BOB", "Bob <on call>")]);
        (await _bot.Admin.PostAsJsonAsync("/admin/silences", new { device = "pump7", minutes = 30 })).EnsureSuccessStatusCode();
        browser.FindElement(By.Id("refresh")).Click();
        browser.FindElement(By.CssSelector("nav [data-tab='oncall']")).Click();
        var onCall = _page.Until(d => d.FindElements(By.CssSelector("#oncall tr[data-channel='slack:C0CONSOLE']")).FirstOrDefault());
        Assert.Contains("Bob <on call> (U0BOB)", onCall.Text);
        browser.FindElement(By.CssSelector("nav [data-tab='silences']")).Click();
        _page.Until(d => d.FindElements(By.CssSelector("#silences tr[data-device='pump7']")).FirstOrDefault() is { Displayed: true } s ? s : null);

        // Every API request the signed-in console made carried its session and the CSRF token it was given.
        var api = _seen.Where(r => r.HasSession && r.Path.StartsWith("/admin/", StringComparison.Ordinal) && !IsPage(r.Path)).ToList();
        Assert.Contains(api, r => r is { Method: "PUT", Path: "/admin/devices/pump7" });
        Assert.Contains(api, r => r is { Method: "POST", Path: "/admin/mappings" });
        Assert.All(api.Where(r => r.Path != "/admin/session"), r => Assert.False(string.IsNullOrEmpty(r.Csrf), $"{r.Method} {r.Path} had no CSRF token"));

        // The other language, from the same catalog.
        browser.FindElement(By.Id("language")).Click();
        _page.Until(d => d.FindElement(By.TagName("h1")).Text == ConsoleTexts.Entries["title"].Zh ? "zh" : null);
    }

    private static bool IsPage(string path) => path is "/admin/" or "/admin/console.js" or "/admin/console.css" or "/admin/console/texts";

    private sealed class RecordRequests(Action<SeenRequest> seen) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                var request = context.Request;
                seen(new SeenRequest(request.Method, request.Path.Value ?? "", request.Headers[AdminConsoleEndpoints.CsrfHeader].FirstOrDefault(),
                    request.Cookies.ContainsKey(AdminSessions.Cookie)));
                return following(context);
            });
            next(app);
        };
    }
}
