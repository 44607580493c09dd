namespace Bot.Host.Admin;

/// <summary>Settings section <c>Admin</c>. Without an <see cref="ApiKey"/> the admin API refuses everything.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Sent by the admin as header <c>X-Api-Key</c>. A secret: set it by environment variable (<c>Admin__ApiKey</c>) or user secrets.</summary>
    public string? ApiKey { get; set; }
}
