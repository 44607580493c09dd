using Bot.Host;

var app = BotApp.Create(args);
await app.RunAsync();

/// <summary>Entry point; the composition lives in <see cref="BotApp"/>.</summary>
public partial class Program;
