using System.Globalization;
using Bot.Playground;
using Bot.Host.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Bot.Host.Tests.Playground;

/// <summary>
/// The playground as a person uses it: the real page in headless Chromium, the official Adaptive Cards renderer,
/// the real bot behind it with its simulated ISDP and Tencent (an example alarm every 2 seconds here).
/// </summary>
public sealed class PlaygroundBrowserTests : IAsyncLifetime
{
    private BotTestHost _bot = null!;
    private PlaygroundPage _page = null!;

    public async Task InitializeAsync()
    {
        _bot = await WebChatTests.StartPlaygroundAsync(new() { ["Bot:DefaultLocale"] = "en-US", ["Playground:AlarmInterval"] = "00:00:02" });
        _page = new PlaygroundPage(_bot.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        _page?.Dispose();
        await _bot.DisposeAsync();
    }

    [ChromiumFact]
    public void Call_a_device_from_the_page_and_see_the_outcome_with_the_stanza()
    {
        _page.Open("Ann");
        Assert.Contains("simulated", _page.Browser.FindElement(By.Id("simulated")).Text, StringComparison.OrdinalIgnoreCase);

        var messageId = _page.Call("aqm0523", "Call 泵房一号 (aqm0523)?");

        var outcome = _page.Until(d => d.FindElements(By.CssSelector($"article[data-id='{messageId}']"))
            .FirstOrDefault(a => a.Text.Contains("Invite sent to 泵房一号 (aqm0523)", StringComparison.Ordinal)));
        var stanza = outcome.FindElement(By.CssSelector("aside.note pre")).Text;
        Assert.Contains("<message to=\"759646@saasgroupchat.isdp-saas-sit.test.huawei.com\"", stanza);
        Assert.Contains("\"isdpDeviceId\":\"aqm0523--1\"", stanza);
        Assert.Single(_bot.Get<PlaygroundStandIns>().Isdp.ReceivedInvites);
        _page.AssertRendererHappy();
    }

    [ChromiumFact]
    public void Alarm_cards_arrive_live_and_acknowledge_shows_who()
    {
        _page.Open("Ann");
        var shownAtLoad = _page.Browser.FindElements(By.CssSelector("article.msg.bot")).Select(a => a.GetDomAttribute("data-id")).ToHashSet();

        // A device warning that was not there when the page loaded: it came over the live stream.
        var alarm = _page.Until(d => d.FindElements(By.CssSelector("article.msg.bot"))
            .FirstOrDefault(a => !shownAtLoad.Contains(a.GetDomAttribute("data-id")) && a.Text.Contains("Device alarm: Device Warning", StringComparison.Ordinal)));
        var messageId = alarm.GetDomAttribute("data-id");
        alarm.FindElement(By.XPath(".//button[normalize-space(.)='Acknowledge']")).Click();

        var acknowledged = _page.Until(d => d.FindElements(By.CssSelector($"article[data-id='{messageId}']"))
            .FirstOrDefault(a => a.Text.Contains("Acknowledged by Ann", StringComparison.Ordinal)));
        Assert.Empty(acknowledged.FindElements(By.XPath(".//button[normalize-space(.)='Acknowledge']")));
        _page.AssertRendererHappy();
    }
}

/// <summary>README's picture, retaken on demand: <c>PLAYGROUND_SCREENSHOT=$PWD/docs/playground.png dotnet test tests/Bot.Host.Tests --filter Screenshot</c>.</summary>
public sealed class PlaygroundScreenshot
{
    [ScreenshotFact]
    public async Task Screenshot_for_the_readme()
    {
        // One example alarm (raised at start), so the picture stays readable.
        await using var bot = await WebChatTests.StartPlaygroundAsync(new() { ["Playground:AlarmInterval"] = "1.00:00:00" });
        using var page = new PlaygroundPage(bot.BaseAddress, height: 1420);
        page.Open("Ann");
        var alarm = page.Until(d => d.FindElements(By.CssSelector("article.msg.bot")).FirstOrDefault(a => a.FindElements(By.XPath(".//button[normalize-space(.)='确认收到']")).Count > 0));
        alarm.FindElement(By.XPath(".//button[normalize-space(.)='确认收到']")).Click();
        page.Until(d => d.FindElements(By.CssSelector("article.msg.bot")).FirstOrDefault(a => a.Text.Contains("Ann", StringComparison.Ordinal)));
        page.Call("aqm0523", "Call 泵房一号 (aqm0523)?");
        page.Until(d => d.FindElements(By.CssSelector("aside.note")).FirstOrDefault());
        page.Browser.FindElement(By.Id("text")).SendKeys("/call aqm0611" + Keys.Enter);
        page.Until(d => PlaygroundPage.LastBotMessage(d, "aqm0611)?"));
        page.AssertRendererHappy();
        page.Browser.GetScreenshot().SaveAsFile(Environment.GetEnvironmentVariable(ScreenshotFactAttribute.Variable)!);
    }
}

public sealed class ScreenshotFactAttribute : FactAttribute
{
    public const string Variable = "PLAYGROUND_SCREENSHOT";

    public ScreenshotFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
            Skip = $"Retakes README's screenshot: set {Variable} to the PNG path to write (needs Chromium).";
        else if (!File.Exists(ChromiumFactAttribute.Browser) || !File.Exists(ChromiumFactAttribute.Driver))
            Skip = "Chromium or ChromeDriver is missing.";
    }
}

/// <summary>Headless Debian Chromium on the playground's page, with explicit waits (no sleeps).</summary>
public sealed class PlaygroundPage : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly Uri _address;
    private readonly string _profile = Directory.CreateTempSubdirectory("chromium-").FullName;

    public PlaygroundPage(Uri address, int height = 1000)
    {
        _address = address;
        var options = new ChromeOptions { BinaryLocation = ChromiumFactAttribute.Browser };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=en-US",
            $"--window-size=1280,{height}", $"--user-data-dir={_profile}");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromiumFactAttribute.Driver)!, Path.GetFileName(ChromiumFactAttribute.Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        Browser = new ChromeDriver(service, options, TimeSpan.FromMinutes(1));
    }

    public ChromeDriver Browser { get; }

    /// <summary>Opens the page, waits for the live stream, and types a name.</summary>
    public void Open(string name)
    {
        Browser.Navigate().GoToUrl(_address);
        Until(d => d.FindElement(By.TagName("body")).GetDomAttribute("data-connected") == "true" ? "connected" : null);
        Browser.FindElement(By.Id("name")).SendKeys(Keys.Control + "a" + Keys.Control + name + Keys.Tab);
    }

    /// <summary>Types <c>/call</c>, clicks Call on the confirmation card; returns the card's message id.</summary>
    public string Call(string device, string confirmationTitle)
    {
        Browser.FindElement(By.Id("text")).SendKeys($"/call {device}" + Keys.Enter);
        var confirmation = Until(d => LastBotMessage(d, confirmationTitle));
        var messageId = confirmation.GetDomAttribute("data-id")!;
        confirmation.FindElement(By.XPath(".//button[normalize-space(.)='Call']")).Click();
        return messageId;
    }

    public static IWebElement? LastBotMessage(IWebDriver driver, string containing) =>
        driver.FindElements(By.CssSelector("article.msg.bot")).LastOrDefault(a => a.Text.Contains(containing, StringComparison.Ordinal));

    public T Until<T>(Func<IWebDriver, T?> condition) where T : class
    {
        var wait = new WebDriverWait(Browser, Patience);
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        return wait.Until(condition)!;
    }

    /// <summary>The page's renderer parsed every card it showed without a single warning.</summary>
    public void AssertRendererHappy()
    {
        Assert.Equal("[]", Browser.ExecuteScript("return JSON.stringify(window.webchat.warnings)") as string);
        Assert.True(Convert.ToInt32(Browser.ExecuteScript("return window.webchat.rendered"), CultureInfo.InvariantCulture) >= 2);
    }

    public void Dispose()
    {
        Browser.Quit();
        Browser.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { /* Chromium may still be letting go */ }
    }
}
