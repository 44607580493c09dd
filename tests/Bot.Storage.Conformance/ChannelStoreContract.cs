using Bot.Core.Channels;
using Bot.Core.Devices;

namespace Bot.Storage.Conformance;

/// <summary>The channel, mapping and device stores' contract.</summary>
public abstract class ChannelStoreContract(IStoreSet stores) : IDisposable
{
    public void Dispose() => stores.Dispose();

    [StoreFact]
    public async Task A_mapping_exists_once_however_often_or_concurrently_it_is_added()
    {
        var store = stores.Mappings;
        var added = Concurrently.Run(16, () => store.MapAsync("slack:C1", "aqm0523").Result);

        Assert.Equal(1, added.Count(a => a));
        Assert.Equal(["aqm0523"], await store.DevicesOfAsync("slack:C1"));
        Assert.Equal(["slack:C1"], await store.ChannelsOfAsync("aqm0523"));
    }

    [StoreFact]
    public async Task Upsert_keeps_stored_values_for_fields_left_null()
    {
        var store = stores.Channels;
        await store.UpsertAsync(new Channel { Platform = "teams", ExternalId = "19:a@thread.tacv2", Name = "Ops", Reference = "{\"serviceUrl\":\"https://x\"}" });
        var merged = await store.UpsertAsync(new Channel { Platform = "teams", ExternalId = "19:a@thread.tacv2" });

        Assert.Equal("Ops", merged.Name);
        Assert.Equal("{\"serviceUrl\":\"https://x\"}", (await store.FindAsync("teams:19:a@thread.tacv2"))!.Reference);

        Assert.True(await store.ClearReferenceAsync("teams:19:a@thread.tacv2"));
        Assert.Null((await store.FindAsync("teams:19:a@thread.tacv2"))!.Reference);
    }

    [StoreFact]
    public async Task Removing_a_device_removes_its_mappings_but_not_other_devices_mappings()
    {
        var channels = stores.Mappings;
        var devices = stores.Devices;
        await devices.UpsertAsync(new Device { DeviceId = "a", IsdpDeviceId = "a--1", ChatJid = "1@x" });
        await devices.UpsertAsync(new Device { DeviceId = "b", IsdpDeviceId = "b--1", ChatJid = "2@x" });
        await channels.MapAsync("slack:C1", "a");
        await channels.MapAsync("slack:C1", "b");

        Assert.True(await devices.RemoveAsync("a"));
        Assert.Equal(["b"], await channels.DevicesOfAsync("slack:C1"));
        Assert.False(await devices.RemoveAsync("a"));
    }

    [StoreFact]
    public async Task Devices_are_found_by_their_source_identity()
    {
        var devices = stores.Devices;
        await devices.UpsertAsync(new Device { DeviceId = "light1", IsdpDeviceId = "l--1", ChatJid = "1@x", AlarmSource = new SourceIdentity("22F9Y6II7O", "light1") });
        await devices.UpsertAsync(new Device { DeviceId = "other", IsdpDeviceId = "o--1", ChatJid = "2@x" });

        var found = await devices.FindBySourceIdentityAsync(new SourceIdentity("22F9Y6II7O", "light1"));
        Assert.Equal("light1", Assert.Single(found).DeviceId);
        Assert.Empty(await devices.FindBySourceIdentityAsync(new SourceIdentity("22F9Y6II7O", "light2")));
        Assert.Equal(new SourceIdentity("22F9Y6II7O", "light1"), found[0].AlarmSource);
    }
}
