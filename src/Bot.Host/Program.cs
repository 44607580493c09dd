using Bot.Host;

if (TeamsPackageCommand.IsRequested(args))
    return TeamsPackageCommand.Run(args, Console.Out, Console.Error);

var app = BotApp.Create(args);
await app.RunAsync();
return 0;

/// <summary>Entry point; the composition lives in <see cref="BotApp"/>.</summary>
public partial class Program;
