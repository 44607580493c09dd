using Bot.Storage.Conformance;

namespace Bot.Storage.LiteDb.Tests;

public sealed class OnCallStoreTests() : OnCallStoreContract(new LiteDbStores());
