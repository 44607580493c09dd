using Bot.Teams;

namespace Bot.Host;

/// <summary>
/// <c>dotnet run --project src/Bot.Host -- teams-package [--out teams-app.zip] [--manifests dir] [--manifest-id guid]</c>:
/// writes the Teams app package with <c>Teams:MicrosoftAppId</c> (or Azure's top-level <c>MicrosoftAppId</c>) and
/// <c>Teams:ManifestId</c> from the usual configuration (appsettings.json, environment, command line).
/// </summary>
public static class TeamsPackageCommand
{
    public const string Name = "teams-package";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        var rest = args.Skip(1).ToList();
        var outPath = TakeOption(rest, "--out") ?? "teams-app.zip";
        var manifests = TakeOption(rest, "--manifests") ?? Path.Combine(AppContext.BaseDirectory, "manifests", "teams");
        var manifestIdFlag = TakeOption(rest, "--manifest-id");
        var config = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. rest])
            .Build();
        var teams = AzureBotSettings.AsTeamsSettings(config);
        string Setting(string name) => teams.GetValueOrDefault($"{TeamsOptions.Section}:{name}") ?? config[$"{TeamsOptions.Section}:{name}"] ?? "";
        var botId = Setting(nameof(TeamsOptions.MicrosoftAppId));
        var manifestId = manifestIdFlag ?? Setting(nameof(TeamsOptions.ManifestId));
        // Written beside the target and moved into place only when complete: a refusal never touches an existing file.
        var target = Path.GetFullPath(outPath);
        var partial = Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write))
                TeamsAppPackage.Write(manifests, botId.Trim(), file, manifestId);
            File.Move(partial, target, overwrite: true);
            output.WriteLine($"Wrote {target} for bot {botId.Trim()} (Teams app id {(string.IsNullOrWhiteSpace(manifestId) ? botId.Trim() : manifestId.Trim())}).");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            errors.WriteLine($"teams-package: {e.Message}");
            return 1;
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    private static string? TakeOption(List<string> args, string name)
    {
        var at = args.IndexOf(name);
        if (at < 0 || at + 1 >= args.Count) return null;
        var value = args[at + 1];
        args.RemoveRange(at, 2);
        return value;
    }
}
