using Bot.Core.Channels;

namespace Bot.Core.Tests;

public sealed class ChatPlatformsTests
{
    private static readonly ChatPlatforms Registered = new([new KnownPlatform("web"), new KnownPlatform("slack"), new KnownPlatform("teams"), new KnownPlatform("slack")]);

    [Theory]
    [InlineData("Slack:C0123", "slack", "C0123")]
    [InlineData("irc: #ops ", "irc", "#ops")]
    [InlineData("teams:19:abc@thread.tacv2", "teams", "19:abc@thread.tacv2")]
    public void A_key_is_read_by_its_form_alone(string key, string platform, string id)
    {
        var channel = ChannelKeys.Parse(key)!;
        Assert.Equal((platform, id), (channel.Platform, channel.ExternalId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("slack")]
    [InlineData(":C1")]
    [InlineData("slack:")]
    [InlineData("sl ack:C1")]
    [InlineData("sl.ack:C1")]
    [InlineData("slack:C\u00011")]
    public void A_malformed_key_is_refused(string? key) => Assert.Null(ChannelKeys.Parse(key));

    [Fact]
    public void Only_registered_platforms_are_known_and_listed_once_in_order()
    {
        Assert.Equal(["slack", "teams", "web"], Registered.Names);
        Assert.Equal("slack, teams or web", Registered.Listed());
        Assert.NotNull(Registered.ParseKey("SLACK:C1"));
        Assert.Null(Registered.ParseKey("irc:#ops"));
        Assert.False(Registered.IsKnown("irc"));
        Assert.Equal("teams", new ChatPlatforms([new KnownPlatform("teams")]).Listed());
    }
}
