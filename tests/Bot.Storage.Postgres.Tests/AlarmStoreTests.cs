using Bot.Storage.Conformance;

namespace Bot.Storage.Postgres.Tests;

public sealed class AlarmStoreTests() : AlarmStoreContract(new PostgresStores());
