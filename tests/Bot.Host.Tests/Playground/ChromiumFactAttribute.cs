namespace Bot.Host.Tests.Playground;

/// <summary>
/// A test that drives Debian's Chromium headless. Where Chromium or ChromeDriver is missing it reports itself
/// skipped with the reason, except in CI (<c>CI=true</c>), where <c>.ci/run</c> installs both and a skip would hide a fault.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    public ChromiumFactAttribute()
    {
        var missing = new[] { Browser, Driver }.Where(path => !File.Exists(path)).ToList();
        if (missing.Count > 0 && Environment.GetEnvironmentVariable("CI") != "true")
            Skip = $"{string.Join(" and ", missing)} not found: install the Debian packages chromium and chromium-driver (.ci/run does) to run the browser test.";
    }
}
