namespace Bot.Slack;
