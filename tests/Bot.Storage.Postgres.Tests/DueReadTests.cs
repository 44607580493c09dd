using Bot.Storage.Conformance;

namespace Bot.Storage.Postgres.Tests;

public sealed class DueReadTests() : DueReadContract(new PostgresStores());
