using Bot.Host;

if (TeamsPackageCommand.IsRequested(args))
    return TeamsPackageCommand.Run(args, Console.Out, Console.Error);

// Before the host starts its threads, so they share few native heaps (NativeHeap says why).
Bot.Host.Startup.NativeHeap.LimitArenas();
var app = BotApp.Create(args);
await app.RunAsync();
return 0;

/// <summary>Entry point of the production bot; the composition lives in <see cref="BotApp"/>. (The no-account playground is <c>src/Bot.Playground</c>.)</summary>
public partial class Program;
