using System.Globalization;
using Bot.Playground;
using Bot.Host.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Bot.Host.Tests.Playground;

/// <summary>README's picture, retaken on demand: <c>PLAYGROUND_SCREENSHOT=$PWD/docs/playground.png dotnet test tests/Bot.Host.Tests --filter Screenshot</c>.</summary>
public sealed class PlaygroundScreenshot
{
    [ScreenshotFact]
    public async Task Screenshot_for_the_readme()
    {
        // One example alarm (raised at start), so the picture stays readable.
        await using var bot = await WebChatTests.StartPlaygroundAsync(new() { ["Playground:AlarmInterval"] = "1.00:00:00" });
        using var page = new PlaygroundPage(PlaygroundPage.AddressWithKey(bot), height: 1420);
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
