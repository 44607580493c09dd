using System.Globalization;
using Bot.Playground;
using Bot.Host.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Bot.Host.Tests.Playground;

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

    /// <summary>The address the console prints: the page with this start's key in its fragment.</summary>
    public static Uri AddressWithKey(BotTestHost bot) => new UriBuilder(bot.BaseAddress) { Fragment = "key=" + bot.WebChatKey }.Uri;

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
