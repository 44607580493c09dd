using Microsoft.Extensions.Configuration;

namespace Bot.Core.Integrations;

/// <summary>
/// Integration options that read their own settings section. Each type binds itself by name, so the configuration
/// binding generator writes the binding (a generic binder call would fall back to reflection, which a native build lacks).
/// </summary>
public interface IIntegrationSection<TSelf> : IIntegrationOptions where TSelf : class, IIntegrationSection<TSelf>
{
    /// <summary>The section bound to a new instance; null when the section is absent.</summary>
    static abstract TSelf? From(IConfiguration section);
}
