namespace Bot.Storage.Postgres;

/// <summary>PostgreSQL settings: <c>ConnectionStrings:Bot</c> and, beside the other storage settings, section <c>Storage:Postgres</c>.</summary>
public sealed class PostgresOptions
{
    public const string Section = "Storage:Postgres";
    public const string ConnectionStringName = "Bot";

    /// <summary>Npgsql connection string (<c>ConnectionStrings:Bot</c>).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// How long a replica's claim on a channel (or a platform's pacing scope, e.g. a Teams tenant) lasts unless its lanes
    /// renew it: every card renews it, and the replica keeps it this long after its last card's answer. A replica that
    /// dies leaves its channels to the others after at most this long. Also how long a replica holds a due escalation
    /// step, a storm card or a silence's end it is working on.
    /// </summary>
    public TimeSpan ChannelClaim { get; set; } = TimeSpan.FromSeconds(30);
}
