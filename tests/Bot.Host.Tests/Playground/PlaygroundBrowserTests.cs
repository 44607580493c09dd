using System.Globalization;
using Bot.Core.Text;
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
        _page = new PlaygroundPage(PlaygroundPage.AddressWithKey(_bot));
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
        Assert.Contains(Texts.English[TextId.CallSimulated], outcome.Text);
        var stanza = outcome.FindElement(By.CssSelector("aside.note pre")).Text;
        Assert.Contains("<message to=\"759646@saasgroupchat.isdp-saas-sit.test.huawei.com\"", stanza);
        Assert.Contains("\"isdpDeviceId\":\"aqm0523--1\"", stanza);
        Assert.Single(_bot.Get<PlaygroundStandIns>().Isdp.ReceivedInvites);
        _page.AssertRendererHappy();
    }

    [ChromiumFact]
    public void The_page_keeps_the_key_from_its_address_and_takes_it_out_of_the_address_bar()
    {
        _page.Open("Ann");
        Assert.Equal(_bot.BaseAddress.ToString(), _page.Browser.Url);
        Assert.Equal(_bot.WebChatKey, _page.Browser.ExecuteScript("return sessionStorage.getItem('webchat.key')") as string);
        // A reload (the address no longer has the key) still reaches the room: the tab kept it.
        _page.Browser.Navigate().Refresh();
        _page.Until(d => d.FindElement(By.TagName("body")).GetDomAttribute("data-connected") == "true" ? "connected" : null);
    }

    [ChromiumFact]
    public void Without_the_key_the_page_shows_nothing_of_the_room_and_says_which_address_to_open()
    {
        using var stranger = new PlaygroundPage(_bot.BaseAddress);
        stranger.Browser.Navigate().GoToUrl(_bot.BaseAddress);
        var notice = stranger.Until(d => d.FindElement(By.Id("offline")) is { Displayed: true } n && n.Text.Length > 0 ? n : null);
        Assert.Equal(Texts.English[TextId.WebNeedsKey], notice.Text);
        Assert.Empty(stranger.Browser.FindElements(By.CssSelector("article.msg")));
        Assert.False(stranger.Browser.FindElement(By.Id("composer")).Displayed);
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

    [ChromiumFact]
    public void An_alarm_walks_from_acknowledge_to_resolve_with_its_log_beneath_the_card()
    {
        _page.Open("Ann");
        var alarm = _page.Until(d => d.FindElements(By.CssSelector("article.msg.bot"))
            .FirstOrDefault(a => a.Text.Contains("Device alarm: Device Warning", StringComparison.Ordinal) && a.Text.Contains("Firing", StringComparison.Ordinal)));
        var messageId = alarm.GetDomAttribute("data-id");

        alarm.FindElement(By.XPath(".//button[normalize-space(.)='Acknowledge']")).Click();
        var acknowledged = _page.Until(d => d.FindElements(By.CssSelector($"article[data-id='{messageId}']"))
            .FirstOrDefault(a => a.Text.Contains("Acknowledged by Ann", StringComparison.Ordinal)));
        Assert.NotEmpty(acknowledged.FindElements(By.XPath(".//button[normalize-space(.)='Unacknowledge']")));

        acknowledged.FindElement(By.XPath(".//button[normalize-space(.)='Resolve']")).Click();
        var resolved = _page.Until(d => d.FindElements(By.CssSelector($"article[data-id='{messageId}']"))
            .FirstOrDefault(a => a.Text.Contains("Resolved by Ann", StringComparison.Ordinal)));
        Assert.NotEmpty(resolved.FindElements(By.XPath(".//button[normalize-space(.)='Reopen']")));
        Assert.Empty(resolved.FindElements(By.XPath(".//button[normalize-space(.)='Resolve']")));

        // The log: two lines right beneath the card, in order.
        var lines = _page.Until(d => d.FindElements(By.CssSelector($"article.thread[data-thread-of='{messageId}']")) is { Count: 2 } found ? found : null);
        Assert.StartsWith("Ann acknowledged · ", lines[0].Text);
        Assert.StartsWith("Ann resolved · ", lines[1].Text);
        Assert.Equal(lines[0].GetDomAttribute("data-id"), (string?)_page.Browser.ExecuteScript(
            "return document.querySelector('article[data-id=\"' + arguments[0] + '\"]').nextElementSibling.dataset.id", messageId));
        _page.AssertRendererHappy();
    }
}
