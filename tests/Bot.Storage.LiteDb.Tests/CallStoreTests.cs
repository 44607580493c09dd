using Bot.Storage.Conformance;

namespace Bot.Storage.LiteDb.Tests;

public sealed class CallStoreTests() : CallStoreContract(new LiteDbStores());
