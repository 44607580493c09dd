// Spec: docs/protocols/teams-bot-framework.md, "App manifest": manifest.json zipped with its two icons for upload.
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bot.Teams;

/// <summary>Builds the Teams app package (the zip an admin uploads) from manifests/teams with this bot's id filled in.</summary>
public static class TeamsAppPackage
{
    public const string ManifestFile = "manifest.json";

    /// <summary>
    /// Writes manifest.json (bot id and app id set) and the two icons it names, nothing else. The app id
    /// (<paramref name="manifestId"/>, else the bot id) is what Teams tells apps apart by, so two deployments in one
    /// tenant each need their own.
    /// </summary>
    public static void Write(string manifestDirectory, string botId, Stream output, string? manifestId = null)
    {
        if (!Guid.TryParse(botId, out _))
            throw new ArgumentException($"{TeamsOptions.Section}:MicrosoftAppId must be the bot's app id (a GUID) to build the Teams package.", nameof(botId));
        manifestId = string.IsNullOrWhiteSpace(manifestId) ? botId : manifestId.Trim();
        if (!Guid.TryParse(manifestId, out _))
            throw new ArgumentException($"{TeamsOptions.Section}:ManifestId (or --manifest-id) must be a GUID (got '{manifestId}').", nameof(manifestId));
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(manifestDirectory, ManifestFile)))!.AsObject();
        manifest["id"] = manifestId;
        foreach (var bot in manifest["bots"]?.AsArray() ?? [])
            bot!["botId"] = botId;
        var icons = new[] { manifest["icons"]?["color"]?.GetValue<string>(), manifest["icons"]?["outline"]?.GetValue<string>() };
        if (icons.Any(string.IsNullOrWhiteSpace))
            throw new InvalidDataException("manifest.json must name icons.color and icons.outline.");

        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        using (var entry = zip.CreateEntry(ManifestFile).Open())
        using (var writer = new Utf8JsonWriter(entry, new JsonWriterOptions { Indented = true }))
            manifest.WriteTo(writer);
        foreach (var icon in icons)
            zip.CreateEntryFromFile(Path.Combine(manifestDirectory, icon!), icon!);
    }
}
