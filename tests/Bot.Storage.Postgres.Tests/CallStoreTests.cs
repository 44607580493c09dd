using Bot.Storage.Conformance;

namespace Bot.Storage.Postgres.Tests;

public sealed class CallStoreTests() : CallStoreContract(new PostgresStores());
