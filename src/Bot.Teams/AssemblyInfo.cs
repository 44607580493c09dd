namespace Bot.Teams;
