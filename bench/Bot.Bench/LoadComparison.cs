namespace Bot.Bench;

/// <summary>The bot's and the floor's loads measured in turns (<see cref="LoadRun.CompareAsync"/>), and the bot's share of the floor's throughput in each round.</summary>
public sealed record LoadComparison(LoadResult Bot, LoadResult Floor, IReadOnlyList<double> RoundShares);
