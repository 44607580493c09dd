using Bot.Core.Devices;

namespace Bot.Core.Tests;

public sealed class DeviceRulesTests
{
    /// <summary>The field name existing seed files use for the alarm source identity (given by the source at the edge).</summary>
    private const string SeedFileField = "tencent";

    private static Device Valid() => new() { DeviceId = "aqm0523", IsdpDeviceId = "aqm0523--1", ChatJid = "759646@saasgroupchat.isdp-saas-sit.test.huawei.com" };

    [Fact]
    public void The_seed_device_is_valid() => Assert.Empty(DeviceRules.Validate(Valid(), SeedFileField));

    [Theory]
    [InlineData("", "759646@x.y", "deviceId")]
    [InlineData("a b", "759646@x.y", "deviceId")]
    [InlineData("aqm", "no-at-sign", "chatJid")]
    [InlineData("aqm", "a@b@c", "chatJid")]
    [InlineData("aqm", "a<b>@c", "chatJid")]
    [InlineData("aqm", "a\u0001@c", "chatJid")]
    [InlineData("aqm", "", "chatJid")]
    public void Bad_fields_are_named(string deviceId, string jid, string field)
    {
        var problems = DeviceRules.Validate(Valid() with { DeviceId = deviceId, ChatJid = jid }, SeedFileField);
        Assert.Contains(problems, p => p.Field == field);
    }

    [Fact]
    public void A_half_source_identity_is_refused_under_its_seed_file_name()
    {
        var problems = DeviceRules.Validate(Valid() with { AlarmSource = new SourceIdentity("22F9Y6II7O", "") }, SeedFileField);
        Assert.Equal("tencent.deviceName", Assert.Single(problems).Field);
    }

    [Theory]
    [InlineData("aqm0532", "aqm0523")]   // transposed digits
    [InlineData("aqm523", "aqm0523")]    // one missing
    [InlineData("AQM0523X", null)]        // the caller folds case; unfolded it is far from every id
    [InlineData("pump", null)]
    public void A_near_miss_gets_a_suggestion(string typed, string? expected) =>
        Assert.Equal(expected, DeviceDirectory.Nearest(typed, ["aqm0523", "bxk1000"]));
}
