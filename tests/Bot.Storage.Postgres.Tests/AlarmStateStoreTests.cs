using Bot.Storage.Conformance;

namespace Bot.Storage.Postgres.Tests;

public sealed class AlarmStateStoreTests() : AlarmStateContract(new PostgresStores());
