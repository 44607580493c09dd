namespace Bot.StandIns.Teams;

/// <summary>The stand-in's app registration, tenant and limits.</summary>
public sealed record TeamsStandInSettings
{
    public string AppId { get; init; } = "5e2c7b1a-7d4f-4a8e-9c61-3b0f1d2e4a57";
    public string AppPassword { get; init; } = "stand-in-app-password";
    /// <summary>Tenants the token endpoint serves: <c>botframework.com</c> (MultiTenant) and one SingleTenant tenant.</summary>
    public string TenantId { get; init; } = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public string Scope { get; init; } = "https://api.botframework.com/.default";
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(1);
    /// <summary>Teams' per-conversation limits; exceeding one answers 429 with Retry-After.</summary>
    public IReadOnlyList<(int Limit, TimeSpan Span)> ConversationLimits { get; init; } =
        [(7, TimeSpan.FromSeconds(1)), (60, TimeSpan.FromSeconds(30)), (1800, TimeSpan.FromHours(1))];
    /// <summary>Teams' per-app limit in one tenant (the stand-in serves one tenant), over all its conversations; exceeding it answers 429.</summary>
    public IReadOnlyList<(int Limit, TimeSpan Span)> TenantLimits { get; init; } = [(50, TimeSpan.FromSeconds(1))];
}
