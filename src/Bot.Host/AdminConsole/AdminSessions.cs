using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Bot.Host.Admin;
using Microsoft.Extensions.Options;

namespace Bot.Host.AdminConsole;

/// <summary>
/// The admin console's sign-ins: the admin key exchanged for a random session id kept in memory (a restart signs
/// everyone out). A session ends after <see cref="Lifetime"/>, on sign-out, or when <c>Admin:ApiKey</c> changes.
/// </summary>
public sealed class AdminSessions(TimeProvider time, IOptionsMonitor<AdminOptions> options)
{
    public const string Cookie = "bot-admin";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    private sealed record Session(DateTimeOffset Expires, byte[] KeyHash);

    public string Start()
    {
        var now = time.GetUtcNow();
        foreach (var (id, session) in _sessions)
            if (session.Expires <= now) _sessions.TryRemove(id, out _);
        var sessionId = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _sessions[sessionId] = new Session(now + Lifetime, KeyHash());
        return sessionId;
    }

    public bool IsValid(string? sessionId) =>
        !string.IsNullOrEmpty(sessionId)
        && _sessions.TryGetValue(sessionId, out var session)
        && session.Expires > time.GetUtcNow()
        && !string.IsNullOrEmpty(options.CurrentValue.ApiKey)
        && CryptographicOperations.FixedTimeEquals(session.KeyHash, KeyHash());

    public void End(string? sessionId)
    {
        if (!string.IsNullOrEmpty(sessionId)) _sessions.TryRemove(sessionId, out _);
    }

    private byte[] KeyHash() => SHA256.HashData(Encoding.UTF8.GetBytes(options.CurrentValue.ApiKey ?? ""));
}
