using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Bot.Host.Tests.Teams;

/// <summary>manifests/teams: a manifest Teams accepts, the two icons it needs, and the package command.</summary>
public sealed class TeamsManifestTests
{
    private const string BotId = "5e2c7b1a-7d4f-4a8e-9c61-3b0f1d2e4a57";
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "manifests", "teams");

    [Fact]
    public void The_manifest_is_valid_json_with_the_required_fields()
    {
        var m = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!;

        Assert.Matches(@"^https://developer\.microsoft\.com/json-schemas/teams/v1\.(19|2\d)/MicrosoftTeams\.schema\.json$", Str(m["$schema"]));
        Assert.Equal(Str(m["$schema"]).Split("/v")[1].Split('/')[0], Str(m["manifestVersion"]));
        Assert.True(Guid.TryParse(Str(m["id"]), out _));
        Assert.Matches(@"^\d+\.\d+\.\d+$", Str(m["version"]));
        foreach (var field in new[] { "name", "websiteUrl", "privacyUrl", "termsOfUseUrl" })
            Assert.False(string.IsNullOrWhiteSpace(Str(m["developer"]![field])), field);
        Assert.InRange(Str(m["name"]!["short"]).Length, 1, 30);
        Assert.InRange(Str(m["description"]!["short"]).Length, 1, 80);
        Assert.InRange(Str(m["description"]!["full"]).Length, 1, 4000);
        Assert.Matches("^#[0-9A-Fa-f]{6}$", Str(m["accentColor"]));
        Assert.NotNull(m["validDomains"]?.AsArray());

        var bot = Assert.Single(m["bots"]!.AsArray())!;
        Assert.True(Guid.TryParse(Str(bot["botId"]), out _));
        Assert.Equal(["team", "groupChat", "personal"], bot["scopes"]!.AsArray().Select(Str));
        var commands = bot["commandLists"]!.AsArray().SelectMany(l => l!["commands"]!.AsArray()).Select(c => Str(c!["title"])).ToList();
        Assert.Equal(["call", "devices", "alarms", "silences", "oncall", "help"], commands);
    }

    [Fact]
    public void The_icons_are_a_192_square_colour_png_and_a_32_square_transparent_outline()
    {
        var m = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")))!;
        var color = Png.Read(File.ReadAllBytes(Path.Combine(Folder, Str(m["icons"]!["color"]))));
        var outline = Png.Read(File.ReadAllBytes(Path.Combine(Folder, Str(m["icons"]!["outline"]))));

        Assert.Equal((192, 192), (color.Width, color.Height));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.Equal(6, outline.ColorType); // RGBA
        Assert.Equal(0, outline.FirstPixelAlpha);
    }

    [Fact]
    public void The_package_command_writes_exactly_the_manifest_and_the_two_icons_with_the_configured_bot_id()
    {
        var zipPath = Path.Combine(Directory.CreateTempSubdirectory("teams-package-").FullName, "teams-app.zip");
        var output = new StringWriter();
        var errors = new StringWriter();

        var exit = TeamsPackageCommand.Run(["teams-package", "--out", zipPath, $"--Teams:MicrosoftAppId={BotId}"], output, errors);

        Assert.Equal(0, exit);
        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());
        using var manifest = zip.GetEntry("manifest.json")!.Open();
        var m = JsonNode.Parse(manifest)!;
        Assert.Equal(BotId, Str(m["bots"]![0]!["botId"]));
        using var icon = zip.GetEntry("color.png")!.Open();
        using var copy = new MemoryStream();
        icon.CopyTo(copy);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Folder, "color.png")), copy.ToArray());
    }

    [Theory]
    [InlineData("flag")]
    [InlineData("setting")]
    [InlineData("neither")]
    public void Each_deployment_gets_its_own_Teams_app_id_from_a_flag_a_setting_or_its_bot_id(string source)
    {
        const string AppId = "0b9d8f7e-1111-4c2d-8e3f-aa5566778899";
        var zipPath = Path.Combine(Directory.CreateTempSubdirectory("teams-package-").FullName, "teams-app.zip");
        string[] args = source switch
        {
            "flag" => ["teams-package", "--out", zipPath, "--manifest-id", AppId, $"--Teams:MicrosoftAppId={BotId}"],
            "setting" => ["teams-package", "--out", zipPath, $"--Teams:ManifestId={AppId}", $"--Teams:MicrosoftAppId={BotId}"],
            _ => ["teams-package", "--out", zipPath, $"--Teams:MicrosoftAppId={BotId}"],
        };

        Assert.Equal(0, TeamsPackageCommand.Run(args, TextWriter.Null, TextWriter.Null));

        using var zip = ZipFile.OpenRead(zipPath);
        using var manifest = zip.GetEntry("manifest.json")!.Open();
        var m = JsonNode.Parse(manifest)!;
        Assert.Equal(source == "neither" ? BotId : AppId, Str(m["id"]));
        Assert.Equal(BotId, Str(m["bots"]![0]!["botId"]));
    }

    [Fact]
    public void The_package_command_takes_Azures_top_level_bot_id()
    {
        var zipPath = Path.Combine(Directory.CreateTempSubdirectory("teams-package-").FullName, "teams-app.zip");

        Assert.Equal(0, TeamsPackageCommand.Run(["teams-package", "--out", zipPath, $"--MicrosoftAppId={BotId}"], TextWriter.Null, TextWriter.Null));

        using var zip = ZipFile.OpenRead(zipPath);
        using var manifest = zip.GetEntry("manifest.json")!.Open();
        Assert.Equal(BotId, Str(JsonNode.Parse(manifest)!["bots"]![0]!["botId"]));
    }

    [Fact]
    public void A_manifest_id_that_is_not_a_guid_is_refused()
    {
        var zipPath = Path.Combine(Directory.CreateTempSubdirectory("teams-package-").FullName, "teams-app.zip");
        var errors = new StringWriter();

        Assert.Equal(1, TeamsPackageCommand.Run(["teams-package", "--out", zipPath, "--manifest-id", "contoso", $"--Teams:MicrosoftAppId={BotId}"], TextWriter.Null, errors));

        Assert.Contains("Teams:ManifestId", errors.ToString());
        Assert.False(File.Exists(zipPath));
    }

    [Fact]
    public void The_package_command_refuses_without_a_bot_id_and_leaves_no_file()
    {
        var zipPath = Path.Combine(Directory.CreateTempSubdirectory("teams-package-").FullName, "teams-app.zip");
        var errors = new StringWriter();

        var exit = TeamsPackageCommand.Run(["teams-package", "--out", zipPath, "--Teams:MicrosoftAppId="], TextWriter.Null, errors);

        Assert.Equal(1, exit);
        Assert.Contains("Teams:MicrosoftAppId", errors.ToString());
        Assert.False(File.Exists(zipPath));
    }

    [Fact]
    public void A_refused_package_leaves_an_existing_file_as_it_was()
    {
        var folder = Directory.CreateTempSubdirectory("teams-package-").FullName;
        var existing = Path.Combine(folder, "appsettings.json");
        File.WriteAllText(existing, "{\"Bot\": {}}");

        var exit = TeamsPackageCommand.Run(["teams-package", "--out", existing, "--Teams:MicrosoftAppId="], TextWriter.Null, TextWriter.Null);

        Assert.Equal(1, exit);
        Assert.Equal("{\"Bot\": {}}", File.ReadAllText(existing));
        Assert.Equal(["appsettings.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    private static string Str(JsonNode? node) => node?.GetValue<string>() ?? "";

    private sealed record Png(int Width, int Height, int ColorType, int FirstPixelAlpha)
    {
        public static Png Read(byte[] bytes)
        {
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
            var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
            var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
            var colorType = bytes[25];
            return new Png(width, height, colorType, colorType == 6 ? FirstAlpha(bytes) : 255);
        }

        // In the first row every PNG filter leaves the first pixel as stored, so its alpha is byte 4 of the row.
        private static int FirstAlpha(byte[] bytes)
        {
            using var idat = new MemoryStream();
            for (var at = 8; at < bytes.Length;)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
                if (System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4) == "IDAT") idat.Write(bytes, at + 8, length);
                at += 12 + length;
            }
            idat.Position = 0;
            using var inflated = new ZLibStream(idat, CompressionMode.Decompress);
            var row = new byte[5];
            inflated.ReadExactly(row);
            return row[4];
        }
    }
}
