namespace Bot.TencentIot;
