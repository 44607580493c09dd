using Bot.Storage.Conformance;

namespace Bot.Storage.Postgres.Tests;

public sealed class OnCallStoreTests() : OnCallStoreContract(new PostgresStores());
