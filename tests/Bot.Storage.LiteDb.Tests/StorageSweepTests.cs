using Bot.Storage.Conformance;

namespace Bot.Storage.LiteDb.Tests;

public sealed class StorageSweepTests() : StorageSweepContract(new LiteDbStores());
