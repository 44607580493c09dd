using Bot.Storage.Conformance;

namespace Bot.Storage.LiteDb.Tests;

public sealed class EscalationStoreTests() : EscalationStoreContract(new LiteDbStores());
