using YamlDotNet.RepresentationModel;

namespace Bot.Slack.Tests;

/// <summary>manifests/slack/manifest.yml is what an admin pastes into Slack: it must match what the bot serves.</summary>
public sealed class ManifestTests
{
    private static YamlMappingNode Manifest()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bot.sln"))) dir = dir.Parent;
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(dir!.FullName, "manifests", "slack", "manifest.yml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (n, key) => ((YamlMappingNode)n).Children[new YamlScalarNode(key)]);

    private static string Text(YamlNode node, params string[] path) => ((YamlScalarNode)At(node, path)).Value!;

    [Fact]
    public void Commands_interactivity_and_events_point_at_the_bots_endpoints()
    {
        var manifest = Manifest();
        var commands = ((YamlSequenceNode)At(manifest, "features", "slash_commands")).Cast<YamlMappingNode>().ToList();
        Assert.Equal(["/call", "/devices", "/alarms", "/silences", "/unsilence", "/oncall"], commands.Select(c => Text(c, "command")));
        Assert.All(commands, c => Assert.Equal("https://bot.example.com/slack/commands", Text(c, "url")));
        Assert.All(commands, c => Assert.False(string.IsNullOrWhiteSpace(Text(c, "usage_hint"))));
        Assert.Equal("true", Text(manifest, "settings", "interactivity", "is_enabled"));
        Assert.Equal("https://bot.example.com/slack/interactions", Text(manifest, "settings", "interactivity", "request_url"));
        Assert.Equal("https://bot.example.com/slack/events", Text(manifest, "settings", "event_subscriptions", "request_url"));
        Assert.Equal("false", Text(manifest, "settings", "socket_mode_enabled"));
        Assert.NotNull(At(manifest, "features", "bot_user", "display_name"));
    }

    [Fact]
    public void Enterprise_Grid_organisations_can_install_the_app()
    {
        Assert.Equal("true", Text(Manifest(), "settings", "org_deploy_enabled"));
    }

    [Fact]
    public void Scopes_are_only_what_the_bot_uses()
    {
        var scopes = ((YamlSequenceNode)At(Manifest(), "oauth_config", "scopes", "bot")).Select(s => ((YamlScalarNode)s).Value).ToList();
        Assert.Equal(["commands", "chat:write", "users:read", "app_mentions:read"], scopes);
    }
}
