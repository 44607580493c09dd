namespace Bot.Storage.LiteDb;
