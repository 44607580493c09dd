using Bot.Storage.Conformance;

namespace Bot.Storage.Postgres.Tests;

public sealed class SilenceStoreTests() : SilenceStoreContract(new PostgresStores());
