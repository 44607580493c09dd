using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Bot.Host.Tests.Docs;

/// <summary>
/// The shape docs/architecture.md describes is the shape the code has: the files and methods its flow chains
/// name exist, projects reference only what the map allows, the Core names no platform, adapters use no store,
/// and every <c>Spec:</c> header points at a protocol note that exists.
/// </summary>
public sealed partial class ShapeTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bot.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }

    private static string Map() => File.ReadAllText(Path.Combine(Root, "docs", "architecture.md"));

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

    [Fact]
    public void Every_file_and_method_the_flow_chains_name_exists()
    {
        var steps = StepPattern().Matches(Map()).ToList();
        Assert.True(steps.Count >= 15, $"the map names only {steps.Count} file/method steps");
        var missing = new List<string>();
        foreach (Match step in steps)
        {
            var path = Path.Combine(Root, step.Groups["path"].Value);
            if (!File.Exists(path)) { missing.Add(step.Groups["path"].Value); continue; }
            var method = step.Groups["method"].Value;
            if (method.Length == 0) continue;
            var text = File.ReadAllText(path);
            var parts = method.Split('.');
            if (!Regex.IsMatch(text, $@"\b{Regex.Escape(parts[0])}\b") || !Regex.IsMatch(text, $@"\b{Regex.Escape(parts[^1])}\s*[(<]"))
                missing.Add($"{step.Groups["path"].Value}: {method}");
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void Projects_reference_only_what_the_map_allows()
    {
        var allowed = AllowedPattern().Matches(Map()).ToDictionary(
            m => m.Groups["project"].Value,
            m => m.Groups["refs"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(r => r.Trim('`')).ToHashSet());
        var projects = Directory.GetDirectories(Path.Combine(Root, "src")).Select(Path.GetFileName).ToList();
        Assert.All(projects, p => Assert.True(allowed.ContainsKey(p!), $"{p} has no row in the map's reference table"));
        foreach (var project in projects)
        {
            var csproj = XDocument.Load(Path.Combine(Root, "src", project!, project + ".csproj"));
            var references = csproj.Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')));
            foreach (var reference in references)
                Assert.True(allowed[project!].Contains(reference), $"{project} references {reference}, which the map does not allow");
        }
    }

    [Fact]
    public void The_core_names_no_platform_and_adapters_use_no_store()
    {
        var platformWords = new Regex(@"Tencent|Slack|Teams", RegexOptions.IgnoreCase);
        Assert.Empty(SourceFiles("src/Bot.Core").Where(f => platformWords.IsMatch(File.ReadAllText(f))).Select(Path.GetFileName));

        var storePorts = new Regex(@"\bI\w*Store\b|\bIAlarm(Intake|Outbox|Queries)\b");
        var adapters = new[] { "src/Bot.Slack", "src/Bot.Teams", "src/Bot.WebChat" };
        Assert.Empty(adapters.SelectMany(SourceFiles).Where(f => storePorts.IsMatch(File.ReadAllText(f))).Select(Path.GetFileName));
    }

    [Fact]
    public void The_production_host_does_not_reference_the_stand_ins()
    {
        var host = File.ReadAllText(Path.Combine(Root, "src", "Bot.Host", "Bot.Host.csproj"));
        Assert.DoesNotContain("StandIns", host);
    }

    [Fact]
    public void Every_spec_header_points_at_a_protocol_note()
    {
        var wrong = new List<string>();
        foreach (var file in SourceFiles("src"))
        {
            foreach (Match spec in SpecPattern().Matches(File.ReadAllText(file)))
            {
                var note = spec.Groups["note"].Value;
                if (!File.Exists(Path.Combine(Root, note))) wrong.Add($"{Path.GetFileName(file)}: {note}");
            }
        }
        Assert.Empty(wrong);
        Assert.DoesNotContain(SourceFiles("src"), f => File.ReadAllText(f).Contains("shared/specs", StringComparison.Ordinal));
    }

    // A chain step: `src/…/File.cs` followed on the same line by `Type.Method` (or `Method`).
    [GeneratedRegex(@"`(?<path>(?:src|tests)/[\w./-]+\.cs)`(?:[^`\n]*?`(?<method>[A-Z]\w*\.[A-Z]\w*)`)?")]
    private static partial Regex StepPattern();

    // A row of the reference table: | `Bot.X` | `Bot.Core`, `Bot.Y` |
    [GeneratedRegex(@"^\|\s*`(?<project>Bot\.[\w.]+)`\s*\|\s*(?<refs>[^|]*)\|", RegexOptions.Multiline)]
    private static partial Regex AllowedPattern();

    [GeneratedRegex(@"^// Spec: (?<note>docs/protocols/[\w.-]+\.md)", RegexOptions.Multiline)]
    private static partial Regex SpecPattern();
}
