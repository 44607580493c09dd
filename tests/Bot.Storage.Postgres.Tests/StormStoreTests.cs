using Bot.Storage.Conformance;

namespace Bot.Storage.Postgres.Tests;

public sealed class StormStoreTests() : StormStoreContract(new PostgresStores());
