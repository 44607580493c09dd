// Spec: docs/protocols/slack.md; users.info with include_locale=true (scope users:read).
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Bot.Slack;

/// <summary>
/// Looks people up with <c>users.info</c>, cached per user. The look-up is short and never fatal: when Slack
/// does not answer in time the Core falls back to <c>Bot:DefaultLocale</c> and the request's own user name.
/// </summary>
public sealed class SlackPeople(SlackWebApi api, TimeProvider time, IOptions<SlackOptions> options)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromHours(6);
    /// <summary>Failures are cached briefly so a slow Slack does not slow every command.</summary>
    public static readonly TimeSpan FailureTtl = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan LookupTimeout = TimeSpan.FromMilliseconds(800);
    private const int MaxEntries = 10_000;
    private static readonly SlackPerson Unknown = new(null, null);

    private readonly ConcurrentDictionary<string, (SlackPerson Person, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async Task<SlackPerson> FindAsync(string userId, CancellationToken cancellationToken)
    {
        if (!options.Value.PostingEnabled || string.IsNullOrEmpty(userId)) return Unknown;
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(userId, out var cached) && cached.Until > now) return cached.Person;

        var result = await api.CallFormAsync("users.info", new Dictionary<string, string> { ["user"] = userId, ["include_locale"] = "true" },
            cancellationToken, LookupTimeout);
        var person = Unknown;
        if (result is SlackApiResult.Ok ok && SlackJson.Obj(ok.Body, "user") is { } user)
        {
            var profile = SlackJson.Obj(user, "profile");
            var display = profile is { } p ? NonEmpty(SlackJson.Str(p, "display_name")) ?? NonEmpty(SlackJson.Str(p, "real_name")) : null;
            person = new SlackPerson(NonEmpty(SlackJson.Str(user, "locale")), display ?? NonEmpty(SlackJson.Str(user, "name")));
        }
        if (_cache.Count >= MaxEntries) _cache.Clear();
        _cache[userId] = (person, now + (result is SlackApiResult.Ok ? Ttl : FailureTtl));
        return person;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
