using Bot.Host.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Bot.Host.Tests.Playground;

/// <summary>
/// The playground as a person uses it: the real page in headless Chromium, the official Adaptive Cards renderer,
/// the real bot behind it with its simulated ISDP and Tencent.
/// </summary>
public sealed class PlaygroundBrowserTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private BotTestHost _bot = null!;
    private ChromeDriver _browser = null!;
    private string _profile = null!;

    public async Task InitializeAsync()
    {
        _bot = await WebChatTests.StartPlaygroundAsync(new() { ["Bot:DefaultLocale"] = "en-US", ["Playground:AlarmInterval"] = "00:00:02" });
        _profile = Directory.CreateTempSubdirectory("chromium-").FullName;
        var options = new ChromeOptions { BinaryLocation = ChromiumFactAttribute.Browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=en-US",
            "--window-size=1280,1000", $"--user-data-dir={_profile}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromiumFactAttribute.Driver)!, Path.GetFileName(ChromiumFactAttribute.Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        _browser = new ChromeDriver(service, options, TimeSpan.FromMinutes(1));
    }

    public async Task DisposeAsync()
    {
        _browser?.Quit();
        _browser?.Dispose();
        await _bot.DisposeAsync();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { /* Chromium may still be letting go */ }
    }

    [ChromiumFact]
    public void Call_a_device_from_the_page_and_see_the_outcome_with_the_stanza()
    {
        _browser.Navigate().GoToUrl(_bot.BaseAddress);
        Until(d => d.FindElement(By.TagName("body")).GetDomAttribute("data-connected") == "true");
        Assert.Contains("simulated", _browser.FindElement(By.Id("simulated")).Text, StringComparison.OrdinalIgnoreCase);

        _browser.FindElement(By.Id("name")).SendKeys(Keys.Control + "a" + Keys.Control + "Ann" + Keys.Tab);
        Say("/call aqm0523");

        var confirmation = Until(d => LastBotMessage(d, "Call 泵房一号 (aqm0523)?"));
        var messageId = confirmation.GetDomAttribute("data-id");
        confirmation.FindElement(By.XPath(".//button[normalize-space(.)='Call']")).Click();

        var outcome = Until(d => d.FindElements(By.CssSelector($"article[data-id='{messageId}']"))
            .FirstOrDefault(a => a.Text.Contains("Invite sent to 泵房一号 (aqm0523)", StringComparison.Ordinal)));
        var stanza = outcome.FindElement(By.CssSelector("aside.note pre")).Text;
        Assert.Contains("<message to=\"759646@saasgroupchat.isdp-saas-sit.test.huawei.com\"", stanza);
        Assert.Contains("\"isdpDeviceId\":\"aqm0523--1\"", stanza);
        Assert.Single(_bot.Get<Bot.Host.Playground.PlaygroundStandIns>().Isdp.ReceivedInvites);

        AssertRendererHappy();
    }

    [ChromiumFact]
    public void Alarm_cards_arrive_live_and_acknowledge_shows_who()
    {
        _browser.Navigate().GoToUrl(_bot.BaseAddress);
        Until(d => d.FindElement(By.TagName("body")).GetDomAttribute("data-connected") == "true");
        _browser.FindElement(By.Id("name")).SendKeys(Keys.Control + "a" + Keys.Control + "Ann" + Keys.Tab);
        var shownAtLoad = _browser.FindElements(By.CssSelector("article.msg.bot")).Select(a => a.GetDomAttribute("data-id")).ToHashSet();

        // A device warning that was not there when the page loaded: it came over the live stream.
        var alarm = Until(d => d.FindElements(By.CssSelector("article.msg.bot"))
            .FirstOrDefault(a => !shownAtLoad.Contains(a.GetDomAttribute("data-id")) && a.Text.Contains("Device alarm: Device Warning", StringComparison.Ordinal)));
        var messageId = alarm.GetDomAttribute("data-id");
        alarm.FindElement(By.XPath(".//button[normalize-space(.)='Acknowledge']")).Click();

        var acknowledged = Until(d => d.FindElements(By.CssSelector($"article[data-id='{messageId}']"))
            .FirstOrDefault(a => a.Text.Contains("Acknowledged by Ann", StringComparison.Ordinal)));
        Assert.Empty(acknowledged.FindElements(By.XPath(".//button[normalize-space(.)='Acknowledge']")));

        AssertRendererHappy();
        if (Environment.GetEnvironmentVariable("PLAYGROUND_SCREENSHOT") is { Length: > 0 })
        {
            // README's picture: an outcome with its stanza, an acknowledged alarm, a confirmation waiting for a click.
            Say("/call aqm0523");
            var confirmation = Until(d => LastBotMessage(d, "Call 泵房一号 (aqm0523)?"));
            confirmation.FindElement(By.XPath(".//button[normalize-space(.)='Call']")).Click();
            Until(d => d.FindElements(By.CssSelector("aside.note")).FirstOrDefault());
            Say("/call aqm0611");
            Until(d => LastBotMessage(d, "aqm0611)?"));
            Screenshot();
        }
    }

    private void Say(string text)
    {
        var input = _browser.FindElement(By.Id("text"));
        input.SendKeys(text + Keys.Enter);
    }

    private static IWebElement? LastBotMessage(IWebDriver driver, string containing) =>
        driver.FindElements(By.CssSelector("article.msg.bot")).LastOrDefault(a => a.Text.Contains(containing, StringComparison.Ordinal));

    private T Until<T>(Func<IWebDriver, T?> condition)
    {
        var wait = new WebDriverWait(_browser, Patience);
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        return wait.Until(condition)!;
    }

    /// <summary>The page's renderer parsed every card it showed without a single warning.</summary>
    private void AssertRendererHappy()
    {
        var warnings = _browser.ExecuteScript("return JSON.stringify(window.webchat.warnings)") as string;
        Assert.Equal("[]", warnings);
        Assert.True(Convert.ToInt32(_browser.ExecuteScript("return window.webchat.rendered"), System.Globalization.CultureInfo.InvariantCulture) >= 2);
    }

    /// <summary>README's screenshot: <c>PLAYGROUND_SCREENSHOT=docs/playground.png dotnet test --filter …Browser…</c>.</summary>
    private void Screenshot()
    {
        if (Environment.GetEnvironmentVariable("PLAYGROUND_SCREENSHOT") is { Length: > 0 } path)
            _browser.GetScreenshot().SaveAsFile(path);
    }
}
