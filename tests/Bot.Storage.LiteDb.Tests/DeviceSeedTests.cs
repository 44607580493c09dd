using Bot.Core.Channels;
using Bot.Core.Devices;

namespace Bot.Storage.LiteDb.Tests;

public sealed class DeviceSeedTests : IDisposable
{
    private readonly StoreFixture _fixture = new();
    private readonly string _file = Path.GetTempFileName();

    public void Dispose()
    {
        _fixture.Dispose();
        File.Delete(_file);
    }

    /// <summary>The seed writes through the inventory, as the bot does.</summary>
    private Inventory Inventory()
    {
        var channels = new LiteDbChannelStore(_fixture.Database);
        return new Inventory(new LiteDbDeviceStore(_fixture.Database), channels, channels);
    }

    private DeviceSeed Seed()
    {
        return new DeviceSeed(Inventory(), new DeviceJson("tencent"),
            new ChatPlatforms([new KnownPlatform("slack"), new KnownPlatform("teams"), new KnownPlatform("web")]));
    }

    [Fact]
    public async Task Loading_twice_changes_nothing_the_second_time()
    {
        await File.WriteAllTextAsync(_file, """
            { "devices": [ { "deviceId": "AQM0523", "isdpDeviceId": "aqm0523--1", "chatJid": "759646@saasgroupchat.example.com", "alias": "泵房" } ],
              "mappings": [ { "channel": "slack:C1", "device": "aqm0523" }, { "channel": "web:playground", "device": "AQM0523" } ] }
            """);

        Assert.Equal((1, 2), await Seed().LoadAsync(_file, default));
        Assert.Equal((1, 0), await Seed().LoadAsync(_file, default));

        var channels = new LiteDbChannelStore(_fixture.Database);
        Assert.Equal(["aqm0523"], await channels.DevicesOfAsync("slack:C1"));
        Assert.Equal(2, (await channels.AllAsync()).Count);
    }

    [Theory]
    [InlineData("""{ "devices": [ { "deviceId": "a", "isdpDeviceId": "a--1", "chatJid": "nojid" } ] }""", "devices[0].chatJid")]
    [InlineData("""{ "devices": [], "mappings": [ { "channel": "irc:x", "device": "a" } ] }""", "mappings[0].channel")]
    [InlineData("""{ "devices": [], "mappings": [ { "channel": "slack:C1", "device": "ghost" } ] }""", "mappings[0].device")]
    [InlineData("""{ "devices": [ { "deviceId": "a" """, "")]
    public async Task A_bad_file_names_the_entry_and_stores_nothing(string json, string where)
    {
        await File.WriteAllTextAsync(_file, json);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Seed().LoadAsync(_file, default));
        Assert.Contains(where, error.Message);
        Assert.Empty(await new LiteDbDeviceStore(_fixture.Database).AllAsync());
    }

    [Fact]
    public async Task The_alarm_source_identity_is_read_under_the_field_the_source_names()
    {
        await File.WriteAllTextAsync(_file, """
            { "devices": [ { "deviceId": "lamp01", "isdpDeviceId": "lamp01--1", "chatJid": "1@example.com", "tencent": { "productId": "22F9Y6II7O", "deviceName": "light1" } } ] }
            """);

        Assert.Equal((1, 0), await Seed().LoadAsync(_file, default));
        Assert.Equal(new SourceIdentity("22F9Y6II7O", "light1"), (await new LiteDbDeviceStore(_fixture.Database).FindAsync("lamp01"))!.AlarmSource);

        var other = new DeviceSeed(Inventory(), new DeviceJson("other"), new ChatPlatforms([]));
        await Assert.ThrowsAsync<InvalidDataException>(() => other.LoadAsync(_file, default));
    }

    [Fact]
    public async Task A_channel_of_an_unregistered_platform_is_refused_naming_the_registered_ones()
    {
        await File.WriteAllTextAsync(_file, """{ "devices": [], "mappings": [ { "channel": "web:playground", "device": "a" } ] }""");
        var slackOnly = new DeviceSeed(Inventory(), new DeviceJson("tencent"),
            new ChatPlatforms([new KnownPlatform("teams"), new KnownPlatform("slack")]));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => slackOnly.LoadAsync(_file, default));

        Assert.Contains("mappings[0].channel must be platform:id with platform slack or teams", error.Message);
    }
}
