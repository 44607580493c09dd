using System.Globalization;
using Bot.Playground;
using Bot.Host.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Bot.Host.Tests.Playground;

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
