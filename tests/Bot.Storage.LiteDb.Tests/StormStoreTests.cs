using Bot.Storage.Conformance;

namespace Bot.Storage.LiteDb.Tests;

public sealed class StormStoreTests() : StormStoreContract(new LiteDbStores());
