using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;

namespace Bot.Storage.Postgres;

/// <summary>
/// The stores' statements as plain Npgsql commands: typed parameters, answers read by ordinal. Nothing is generated at
/// run time (the bot ships as a native build, where code made at run time cannot start). Each runner disposes the
/// command it ran, so a store's call reads as one expression.
/// </summary>
internal static partial class PostgresCommand
{
    /// <summary>A command on <paramref name="connection"/>, inside <paramref name="transaction"/> when there is one.</summary>
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, NpgsqlTransaction? transaction = null) =>
        new(sql, connection, transaction);

    /// <summary>Adds <c>@name</c> typed by <typeparamref name="T"/> (a null is sent as NULL of that type).</summary>
    public static NpgsqlCommand With<T>(this NpgsqlCommand command, string name, T value)
    {
        command.Parameters.Add(new NpgsqlParameter<T>(name, value));
        return command;
    }

    /// <summary>Runs the statement(s); answers how many rows they changed.</summary>
    public static async Task<int> ExecuteAsync(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        CheckParameters(command);
        await using (command) return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row; the type's default when there is no row or the value is NULL.</summary>
    public static async Task<T?> ScalarAsync<T>(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        CheckParameters(command);
        await using (command)
        {
            return await command.ExecuteScalarAsync(cancellationToken) switch
            {
                null or DBNull => default,
                T value => value,
                var other => throw new InvalidCastException($"The statement answered a {other.GetType().Name}, not a {typeof(T).Name}."),
            };
        }
    }

    /// <summary>Every row, each read by <paramref name="read"/>.</summary>
    public static async Task<List<T>> ListAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        CheckParameters(command);
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
            return rows;
        }
    }

    /// <summary>The one row there is, or null when there is none; more than one is an error (the statements ask by key).</summary>
    public static async Task<T?> SingleOrDefaultAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        where T : class?
    {
        CheckParameters(command);
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return null;
            var row = read(reader);
            if (await reader.ReadAsync(cancellationToken)) throw new InvalidOperationException("The statement answered more than one row.");
            return row;
        }
    }

    /// <summary>The one row there is; none or more than one is an error.</summary>
    public static async Task<T> SingleAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        CheckParameters(command);
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) throw new InvalidOperationException("The statement answered no row.");
            var row = read(reader);
            if (await reader.ReadAsync(cancellationToken)) throw new InvalidOperationException("The statement answered more than one row.");
            return row;
        }
    }

    // Npgsql sends a placeholder without a parameter as it is, and PostgreSQL may read "@name" as an operator on a
    // column of that name: a forgotten parameter would change what a statement does, not fail it. The tests (Debug) check.
    [Conditional("DEBUG")]
    private static void CheckParameters(NpgsqlCommand command)
    {
        foreach (Match placeholder in Placeholder().Matches(command.CommandText))
            if (!command.Parameters.Contains(placeholder.Groups[1].Value))
                throw new InvalidOperationException($"The statement names @{placeholder.Groups[1].Value} but has no such parameter: {command.CommandText}");
    }

    [GeneratedRegex(@"(?<![@\w])@(\w+)")]
    private static partial Regex Placeholder();
}
