namespace Bot.Storage.Postgres;

/// <summary>A row of <c>on_call</c>.</summary>
public sealed class OnCallRow
{
    public string PersonId { get; set; } = "";
    public string Name { get; set; } = "";
}
