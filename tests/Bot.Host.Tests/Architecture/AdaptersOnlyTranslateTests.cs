using System.Reflection;
using Bot.Slack;
using Bot.Teams;
using Bot.WebChat;

namespace Bot.Host.Tests.Architecture;

/// <summary>
/// Chat surfaces translate payloads into Core requests and Core results into messages: none of them holds a
/// storage port (an <c>I…Store</c>), so whatever must be remembered is decided and stored by the Core.
/// </summary>
public sealed class AdaptersOnlyTranslateTests
{
    public static TheoryData<string> Adapters => new() { typeof(SlackEndpoints).Assembly.GetName().Name!, typeof(TeamsServiceCollectionExtensions).Assembly.GetName().Name!, typeof(WebChatEndpoints).Assembly.GetName().Name! };

    [Theory]
    [MemberData(nameof(Adapters))]
    public void No_adapter_type_takes_or_keeps_a_store(string adapter)
    {
        var assembly = Assembly.Load(adapter);
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var uses = assembly.GetTypes().SelectMany(type =>
                type.GetConstructors(all).SelectMany(c => c.GetParameters()).Select(p => (type, used: p.ParameterType))
                    .Concat(type.GetFields(all).Select(f => (type, used: f.FieldType)))
                    .Concat(type.GetMethods(all).SelectMany(m => m.GetParameters()).Select(p => (type, used: p.ParameterType))))
            .Where(u => IsStore(u.used))
            .Select(u => $"{u.type.FullName} uses {u.used.Name}")
            .Distinct()
            .ToList();

        Assert.Empty(uses);
        Assert.NotEmpty(assembly.GetTypes());
    }

    private static bool IsStore(Type type) =>
        type.IsInterface && type.Namespace?.StartsWith("Bot.Core", StringComparison.Ordinal) == true && type.Name.StartsWith('I') && type.Name.EndsWith("Store", StringComparison.Ordinal);
}
