using Bot.Playground;

// With nothing configured: the bot with simulated ISDP and Tencent and the web chat page. With an integration
// configured: the production bot, as src/Bot.Host runs it.
var app = await PlaygroundApp.CreateAsync(args);
await app.RunAsync();
