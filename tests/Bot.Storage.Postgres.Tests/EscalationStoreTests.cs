using Bot.Storage.Conformance;

namespace Bot.Storage.Postgres.Tests;

public sealed class EscalationStoreTests() : EscalationStoreContract(new PostgresStores());
