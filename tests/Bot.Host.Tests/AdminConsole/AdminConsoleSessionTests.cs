using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bot.Core.Storage;
using Bot.Host.AdminConsole;
using Bot.Host.Tests.Support;

namespace Bot.Host.Tests.AdminConsole;

/// <summary>The console's sign-in: the admin key for an HTTP-only, same-site cookie, and the CSRF token every change needs.</summary>
public sealed class AdminConsoleSessionTests : IAsyncLifetime
{
    private BotTestHost _bot = null!;

    public async Task InitializeAsync() => _bot = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_wrong_key_gets_no_cookie()
    {
        var (browser, cookies) = Browser(_bot.BaseAddress);

        var response = await browser.PostAsJsonAsync("/admin/session", new { key = "guess" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(cookies.GetCookies(new Uri(_bot.BaseAddress, "/admin/")));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/admin/devices")).StatusCode);
    }

    [Fact]
    public async Task The_key_buys_an_http_only_same_site_cookie_that_reads_and_with_the_csrf_token_changes()
    {
        var (browser, _) = Browser(_bot.BaseAddress);

        var signIn = await browser.PostAsJsonAsync("/admin/session", new { key = BotTestHost.AdminKey });

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var setCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith($"{AdminSessions.Cookie}=", StringComparison.Ordinal));
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/admin", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase);   // plain http here
        var csrf = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrf").GetString()!;

        // Reading needs only the cookie.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/devices")).StatusCode);

        // A change without the token (what a forged cross-site request would be) is refused and changes nothing.
        var forged = await browser.PutAsJsonAsync("/admin/devices/pump9", new { isdpDeviceId = "pump9--1", chatJid = "9@isdp.example.test" });
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Null(await _bot.Get<IDeviceStore>().FindAsync("pump9"));

        // With it, the API's own rules apply: a bad device is a 400 naming the field, a good one is stored.
        var bad = new HttpRequestMessage(HttpMethod.Put, "/admin/devices/pump9") { Content = JsonContent.Create(new { isdpDeviceId = "pump9--1" }) };
        bad.Headers.Add(AdminConsoleEndpoints.CsrfHeader, csrf);
        var refused = await browser.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("chatJid", await refused.Content.ReadAsStringAsync());
        var good = new HttpRequestMessage(HttpMethod.Put, "/admin/devices/pump9") { Content = JsonContent.Create(new { isdpDeviceId = "pump9--1", chatJid = "9@isdp.example.test" }) };
        good.Headers.Add(AdminConsoleEndpoints.CsrfHeader, csrf);
        Assert.Equal(HttpStatusCode.Created, (await browser.SendAsync(good)).StatusCode);
        Assert.NotNull(await _bot.Get<IDeviceStore>().FindAsync("pump9"));

        // Signing out (with the token) ends the session.
        var signOut = new HttpRequestMessage(HttpMethod.Delete, "/admin/session");
        signOut.Headers.Add(AdminConsoleEndpoints.CsrfHeader, csrf);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(signOut)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/admin/devices")).StatusCode);
    }

    [Fact]
    public async Task A_token_from_another_session_is_refused()
    {
        var (ann, _) = Browser(_bot.BaseAddress);
        var (mallory, _) = Browser(_bot.BaseAddress);
        await ann.PostAsJsonAsync("/admin/session", new { key = BotTestHost.AdminKey });
        var otherToken = (await (await mallory.PostAsJsonAsync("/admin/session", new { key = BotTestHost.AdminKey })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrf").GetString()!;

        var request = new HttpRequestMessage(HttpMethod.Put, "/admin/devices/pump8") { Content = JsonContent.Create(new { isdpDeviceId = "pump8--1", chatJid = "8@isdp.example.test" }) };
        request.Headers.Add(AdminConsoleEndpoints.CsrfHeader, otherToken);

        Assert.Equal(HttpStatusCode.Forbidden, (await ann.SendAsync(request)).StatusCode);
        Assert.Null(await _bot.Get<IDeviceStore>().FindAsync("pump8"));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.9.8.7", false)]
    public async Task Behind_a_configured_proxy_that_says_https_the_cookie_is_secure_and_from_anyone_else_the_header_is_ignored(string proxy, bool secure)
    {
        await using var bot = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Proxy:KnownProxies:0"] = proxy });
        var (browser, _) = Browser(bot.BaseAddress);
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/session") { Content = JsonContent.Create(new { key = BotTestHost.AdminKey }) };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await browser.SendAsync(request);

        var setCookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith($"{AdminSessions.Cookie}=", StringComparison.Ordinal));
        Assert.Equal(secure, setCookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_page_is_served_with_a_policy_that_runs_only_its_own_files()
    {
        var page = await _bot.Client.GetAsync("/admin/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("console.js", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await _bot.Client.GetAsync("/admin/console.js")).StatusCode);
    }

    private static (HttpClient, CookieContainer) Browser(Uri address)
    {
        var cookies = new CookieContainer();
        return (new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = address }, cookies);
    }
}
