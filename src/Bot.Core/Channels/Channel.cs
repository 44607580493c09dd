namespace Bot.Core.Channels;

/// <summary>
/// A channel on one platform. <see cref="Key"/> is <c>platform:id</c> (the platform's channel,
/// conversation or room id), unique across platforms.
/// </summary>
public sealed record Channel
{
    public required string Platform { get; init; }
    /// <summary>The platform's own id of the conversation (e.g. <c>C0123</c>, <c>19:…@thread.tacv2</c>).</summary>
    public required string ExternalId { get; init; }
    public string? Name { get; init; }
    /// <summary>The platform's workspace or tenant id, when known.</summary>
    public string? TenantId { get; init; }
    /// <summary>Where to reach the conversation proactively (e.g. a conversation reference as JSON, for platforms that need one).</summary>
    public string? Reference { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    public string Key => KeyOf(Platform, ExternalId);

    public static string KeyOf(string platform, string externalId) => $"{platform}:{externalId}";
}
