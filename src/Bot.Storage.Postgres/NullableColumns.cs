using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>Columns that may be NULL, read by ordinal.</summary>
internal static class NullableColumns
{
    public static string? GetStringOrNull(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetInt64OrNull(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
