using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bot.Host.Tests.Support;

/// <summary>
/// What <c>/readyz</c> says, read from its JSON only (the overall status and each integration by name), so the tests
/// hold whatever computes it inside the bot.
/// </summary>
public sealed record ReadinessReport(HttpStatusCode Code, string Status, IReadOnlyDictionary<string, bool> Healthy)
{
    public static async Task<ReadinessReport> ReadAsync(HttpClient bot)
    {
        using var response = await bot.GetAsync("/readyz");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var healthy = body.GetProperty("integrations").EnumerateArray()
            .ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("healthy").GetBoolean());
        return new ReadinessReport(response.StatusCode, body.GetProperty("status").GetString()!, healthy);
    }

    /// <summary>
    /// Polls <c>/readyz</c> (real time; it is the bot's stored state) until its integrations read exactly
    /// <paramref name="expected"/> (see <see cref="Expect"/>); fails with the last answer otherwise.
    /// </summary>
    public static async Task<ReadinessReport> WaitForAsync(HttpClient bot, string expected, TimeSpan wait)
    {
        var until = DateTime.UtcNow + wait;
        while (true)
        {
            var now = await ReadAsync(bot);
            if (now.Integrations == expected) return now;
            Assert.True(DateTime.UtcNow < until, $"/readyz never showed {expected}; last: {now.Status}: {now.Integrations}");
            await Task.Delay(50);
        }
    }

    /// <summary>Every integration by name and state, in a stable order (for an exact comparison).</summary>
    public string Integrations => string.Join(", ", Healthy.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={(h.Value ? "healthy" : "unhealthy")}"));

    /// <summary>The expected integrations written the same way: every name given, the <paramref name="unhealthy"/> ones failing.</summary>
    public static string Expect(IEnumerable<string> names, params string[] unhealthy) =>
        string.Join(", ", names.Order(StringComparer.Ordinal).Select(n => $"{n}={(unhealthy.Contains(n) ? "unhealthy" : "healthy")}"));
}
