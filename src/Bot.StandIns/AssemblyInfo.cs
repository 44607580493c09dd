namespace Bot.StandIns;
