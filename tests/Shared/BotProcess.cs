using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bot.Testing;

/// <summary>
/// The bot as a separate operating-system process (the <c>Bot.Host</c> app host next to the caller's assembly),
/// configured through environment variables as an admin would. Used where a test or benchmark must kill the
/// process hard (SIGKILL) or measure its memory. <c>BOT_HOST_BINARY</c> names another executable to start in place of
/// that app host (a published build, e.g. a native one the bench measures); a start through <c>dotnet</c> ignores it.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    public const string BinaryVariable = "BOT_HOST_BINARY";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BotProcess(Process process, Uri baseAddress, string folder)
    {
        _process = process;
        BaseAddress = baseAddress;
        Folder = folder;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }
    public string Folder { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public string Output { get { lock (_output) return _output.ToString(); } }
    public string DatabasePath => Path.Combine(Folder, "bot.db");

    /// <summary>Starts the bot on a free loopback port with its database in <paramref name="folder"/>; returns once <c>/readyz</c> answers.</summary>
    /// <param name="listenAt">The environment variable (and its value for the free port) that tells the bot where to listen; default <c>Urls</c>.</param>
    /// <param name="throughDotnet">Start it as <c>dotnet Bot.Host.dll</c> (as a published folder runs) rather than through the app host.</param>
    public static async Task<BotProcess> StartAsync(
        string folder,
        IReadOnlyDictionary<string, string> settings,
        TimeSpan? readyWithin = null,
        Func<int, KeyValuePair<string, string>>? listenAt = null,
        bool throughDotnet = false)
    {
        var port = FreePort();
        var start = throughDotnet
            ? new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll")])
            : new ProcessStartInfo(Binary());
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.WorkingDirectory = folder;
        // The test runner's own address settings must not leak into the bot.
        foreach (var inherited in new[] { "Urls", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
            start.Environment.Remove(inherited);
        var (variable, address) = (listenAt ?? (p => new("Urls", $"http://127.0.0.1:{p}")))(port);
        start.Environment[variable] = address;
        start.Environment["Storage__LiteDb"] = $"Filename={Path.Combine(folder, "bot.db")}";
        start.Environment["Playground__Enabled"] = "false";
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("The bot did not start.");
        var bot = new BotProcess(process, new Uri($"http://127.0.0.1:{port}"), folder);
        await bot.WaitUntilReadyAsync(readyWithin ?? TimeSpan.FromSeconds(30));
        return bot;
    }

    /// <summary>The full path <c>BOT_HOST_BINARY</c> names, or null when it is not set.</summary>
    public static string? OtherBinary =>
        Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } other ? Path.GetFullPath(other) : null;

    /// <summary>The executable to start: <see cref="OtherBinary"/> when set, else the app host built beside the caller.</summary>
    public static string Binary() =>
        OtherBinary ?? Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "Bot.Host.exe" : "Bot.Host");

    public async Task WaitUntilReadyAsync(TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < within)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The bot exited with {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(20);
        }
        throw new TimeoutException($"The bot was not ready within {within}:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut or an OOM kill.</summary>
    public void KillHard()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Resident set size from /proc (Linux), in bytes.</summary>
    public long ResidentBytes() => StatusBytes("VmRSS:");

    /// <summary>The highest resident set size since the process started (VmHWM from /proc), in bytes.</summary>
    public long PeakResidentBytes() => StatusBytes("VmHWM:");

    /// <summary>
    /// The resident set by kind (/proc), in bytes: anonymous (GC heap, native heaps, stacks), file-backed (mapped
    /// assemblies and libraries, shared with other processes that map them) and shared memory (the JIT's code, mapped
    /// twice while W^X is on).
    /// </summary>
    public (long Anonymous, long File, long Shared) ResidentParts() => (StatusBytes("RssAnon:"), StatusBytes("RssFile:"), StatusBytes("RssShmem:"));

    private long StatusBytes(string field)
    {
        if (_process.HasExited) throw new InvalidOperationException($"The bot exited with {_process.ExitCode}:\n{Output}");
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith(field, StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
