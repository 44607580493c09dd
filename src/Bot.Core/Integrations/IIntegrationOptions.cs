namespace Bot.Core.Integrations;

/// <summary>
/// The options of an integration (ISDP, a chat platform, an alarm source). <see cref="Enabled"/> follows from its key settings,
/// and it is the only thing that decides whether the integration's <c>Add…</c> and <c>Map…</c> do anything.
/// </summary>
public interface IIntegrationOptions
{
    bool Enabled { get; }
}
