namespace Bot.Storage.LiteDb;

/// <summary>A person on call, inside <see cref="OnCallDocument"/>.</summary>
public sealed class OnCallPersonDocument
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
}
