using System.Globalization;
using System.Text;
using Bot.Bench;
using Bot.Testing;

// Benchmarks of the bot as its users stress it. Run from the repository root:
//   dotnet run -c Release --project bench/Bot.Bench -- [all|slash|teams|micro|fanout|storm|idle|commits|history|footprint] [--seconds N] [--messages N]
//     [--only defaults|minute|without]   (storm only: one column of the storm scenario alone)
//     [--concurrency N]   (slash and teams only: one concurrency instead of 32 and 100)
//     [--store postgres [--replicas N]]   (slash and fanout only; the server from BOT_BENCH_POSTGRES, else BOT_TEST_POSTGRES)
// Results are written to bench/RESULTS.md with the command and the machine they came from.
// BOT_HOST_BINARY=<path> runs another build of the bot in place of the one built beside the bench (e.g. a native one).

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args is ["floor", var port]) { await Floor.RunAsync(int.Parse(port, CultureInfo.InvariantCulture)); return; }
// The pieces of a command, each alone (BenchmarkDotNet writes its own report under BenchmarkDotNet.Artifacts).
if (args is ["micro", .. var rest]) { BenchmarkDotNet.Running.BenchmarkRunner.Run<Bot.Bench.Micro.CommandPieces>(args: rest); return; }

var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(10);
var messages = args.SkipWhile(a => a != "--messages").Skip(1).Select(int.Parse).FirstOrDefault(10_000);
var store = BenchStore.FromArguments(args);
if (args.SkipWhile(a => a != "--concurrency").Skip(1).Select(int.Parse).FirstOrDefault() is > 0 and var only) SlashCommandBench.Concurrencies = [only];
var sections = new List<(string Title, IReadOnlyList<string> Lines)>();
if (store.IsPostgres && what is not ("slash" or "fanout"))
    throw new ArgumentException("--store postgres runs the slash or the fanout scenario.");

if (what is "all" or "slash")
    sections.Add(("Slash command path (signed `/call aqm0523`, closed loop)", await SlashCommandBench.RunAsync(TimeSpan.FromSeconds(seconds), store)));
if (what is "all" or "slash" or "teams" && !store.IsPostgres)
    sections.Add(("Teams message path (`@Bot call aqm0523` with a valid token, closed loop)", await TeamsMessageBench.RunAsync(TimeSpan.FromSeconds(seconds))));
if (what is "all" or "fanout")
    sections.Add(("Alarm fan-out (Tencent → Slack and Teams within their limits)", await FanOutBench.RunAsync(messages, store: store)));
if (what is "all" or "storm" && !store.IsPostgres)
    sections.Add(("Alarm storm (10,000 alarms within one minute: arrival at Tencent → visible in the channel, with and without folding)", await StormBench.RunAsync(only: args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault())));
if (what is "all" or "idle")
    sections.Add(("Idle cost (Tencent requests with nothing new)", await IdleCostBench.RunAsync(window: TimeSpan.FromSeconds(what == "idle" ? seconds : 60))));
if (what is "all" or "commits")
    sections.Add(("Durable commits (group commit on a real file, synced vs OS cache only)", await CommitBench.RunAsync(TimeSpan.FromSeconds(Math.Min(seconds, 5)))));
if (what is "all" or "history")
    sections.Add(("Dispatcher pass in a channel with 100,000 posted cards", await HistoryBench.RunAsync()));
if (what is "all" or "footprint")
    sections.Add(("Footprint", await FootprintBench.RunAsync()));

var report = new StringBuilder()
    .AppendLine("# Benchmark results")
    .AppendLine()
    .AppendLine($"Command: `dotnet run -c Release --project bench/Bot.Bench -- {string.Join(' ', args)}`".Replace(" -- `", "`"))
    .AppendLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.")
    .AppendLine(BotProcess.OtherBinary is { } other ? $"Bot: `{other}` ({BotProcess.BinaryVariable})." : "Bot: the build beside the bench.")
    .AppendLine();
foreach (var (title, lines) in sections)
{
    report.AppendLine($"## {title}").AppendLine();
    foreach (var line in lines) report.AppendLine(line);
    report.AppendLine();
}
var path = Path.Combine(RepositoryRoot(), "bench", what == "all" ? "RESULTS.md" : $"RESULTS-{what}{store.FileSuffix}.md");
await File.WriteAllTextAsync(path, report.ToString());
Console.WriteLine(report);
Console.WriteLine($"Written to {path}");

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "Bot.sln"))) return dir.FullName;
    return Environment.CurrentDirectory;
}
