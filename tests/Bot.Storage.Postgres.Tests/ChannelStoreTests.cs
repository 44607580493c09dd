using Bot.Storage.Conformance;

namespace Bot.Storage.Postgres.Tests;

public sealed class ChannelStoreTests() : ChannelStoreContract(new PostgresStores());
