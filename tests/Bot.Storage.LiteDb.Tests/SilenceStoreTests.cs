using Bot.Storage.Conformance;

namespace Bot.Storage.LiteDb.Tests;

public sealed class SilenceStoreTests() : SilenceStoreContract(new LiteDbStores());
