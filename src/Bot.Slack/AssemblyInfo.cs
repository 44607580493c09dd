using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Bot.Slack.Tests")]
