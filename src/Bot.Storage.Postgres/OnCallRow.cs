using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>A row of <c>on_call</c>.</summary>
public sealed class OnCallRow
{
    public string PersonId { get; set; } = "";
    public string Name { get; set; } = "";

    /// <summary>Reads <c>person_id, name</c>.</summary>
    internal static OnCallRow Read(NpgsqlDataReader reader) => new() { PersonId = reader.GetString(0), Name = reader.GetString(1) };
}
