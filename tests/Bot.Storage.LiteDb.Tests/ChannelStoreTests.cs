using Bot.Storage.Conformance;

namespace Bot.Storage.LiteDb.Tests;

public sealed class ChannelStoreTests() : ChannelStoreContract(new LiteDbStores());
