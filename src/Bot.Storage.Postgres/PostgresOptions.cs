namespace Bot.Storage.Postgres;

/// <summary>PostgreSQL settings: <c>ConnectionStrings:Bot</c> and, beside the other storage settings, section <c>Storage:Postgres</c>.</summary>
public sealed class PostgresOptions
{
    public const string Section = "Storage:Postgres";
    public const string ConnectionStringName = "Bot";

    /// <summary>Npgsql connection string (<c>ConnectionStrings:Bot</c>).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// How long a replica's claim on a channel lasts unless its lane renews it (every card renews it). A replica that
    /// dies leaves its channels to the others after at most this long.
    /// </summary>
    public TimeSpan ChannelClaim { get; set; } = TimeSpan.FromSeconds(30);
}
