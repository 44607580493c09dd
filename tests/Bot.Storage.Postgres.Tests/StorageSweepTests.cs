using Bot.Storage.Conformance;

namespace Bot.Storage.Postgres.Tests;

public sealed class StorageSweepTests() : StorageSweepContract(new PostgresStores());
