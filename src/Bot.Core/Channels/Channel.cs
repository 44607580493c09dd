namespace Bot.Core.Channels;

/// <summary>
/// A channel on one platform. <see cref="Key"/> is <c>platform:id</c> (Slack channel id,
/// Teams conversation id, web chat room), unique across platforms.
/// </summary>
public sealed record Channel
{
    public required string Platform { get; init; }
    /// <summary>The platform's own id of the conversation (Slack <c>C0123</c>, Teams <c>19:…@thread.tacv2</c>).</summary>
    public required string ExternalId { get; init; }
    public string? Name { get; init; }
    /// <summary>Slack team/workspace id or Teams tenant id, when known.</summary>
    public string? TenantId { get; init; }
    /// <summary>Where to reach the conversation proactively (Teams stores its conversation reference here as JSON).</summary>
    public string? Reference { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    public string Key => KeyOf(Platform, ExternalId);

    public static string KeyOf(string platform, string externalId) => $"{platform}:{externalId}";
}
