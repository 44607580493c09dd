namespace Bot.Isdp;
