using Bot.Core.Channels;
using Bot.Teams.Activities;
using Bot.Teams.Connector;

namespace Bot.Teams.Tests;

public sealed class TeamsConversationTests
{
    private static Activity InThread(string conversationId, string type = "channel") => new()
    {
        Type = Activity.Message,
        ServiceUrl = "https://smba.trafficmanager.net/apac/",
        ChannelId = "msteams",
        From = new ChannelAccount { Id = "29:alice", Name = "Alice Li", AadObjectId = "6f1a2b3c-0000-4000-8000-00000000a11c" },
        Recipient = new ChannelAccount { Id = "28:bot", Name = "Bot" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = type, TenantId = "tenant-1", IsGroup = true },
        ChannelData = new TeamsChannelData
        {
            Channel = new TeamsRef { Id = "19:abc@thread.tacv2", Name = "Pumps" },
            Team = new TeamsRef { Id = "19:team@thread.tacv2", Name = "Field Ops" },
        },
    };

    [Fact]
    public void A_channel_thread_maps_to_its_channel_and_the_reference_keeps_the_route()
    {
        var channel = TeamsConversation.ChannelOf(InThread("19:abc@thread.tacv2;messageid=1732264866889"))!;

        Assert.Equal("teams:19:abc@thread.tacv2", channel.Key);
        Assert.Equal("Field Ops / Pumps", channel.Name);
        Assert.Equal("tenant-1", channel.TenantId);
        var reference = TeamsConversation.ReadReference(channel.Reference)!;
        Assert.Equal("https://smba.trafficmanager.net/apac/", reference.ServiceUrl);
        Assert.Equal("19:abc@thread.tacv2", reference.Conversation.Id);
        Assert.Equal("channel", reference.Conversation.ConversationType);
        Assert.Equal("28:bot", reference.Bot!.Id);
        Assert.Equal("19:abc@thread.tacv2", reference.TeamsChannelId);
    }

    [Fact]
    public void A_reference_is_written_once_while_it_stays_the_same_and_anew_when_any_part_changes()
    {
        var first = TeamsConversation.ChannelOf(InThread("19:abc@thread.tacv2;messageid=1"))!;
        var again = TeamsConversation.ChannelOf(InThread("19:abc@thread.tacv2;messageid=2"))!;
        Assert.Same(first.Reference, again.Reference);

        var moved = InThread("19:abc@thread.tacv2");
        moved.ServiceUrl = "https://smba.trafficmanager.net/emea/";
        var elsewhere = TeamsConversation.ChannelOf(moved)!;
        Assert.Equal("https://smba.trafficmanager.net/emea/", TeamsConversation.ReadReference(elsewhere.Reference)!.ServiceUrl);

        var renamed = InThread("19:abc@thread.tacv2");
        renamed.Recipient!.Name = "Bot 2";
        renamed.Conversation!.TenantId = "tenant-2";
        var reference = TeamsConversation.ReadReference(TeamsConversation.ChannelOf(renamed)!.Reference)!;
        Assert.Equal("Bot 2", reference.Bot!.Name);
        Assert.Equal("tenant-2", reference.Conversation.TenantId);
        Assert.Equal("https://smba.trafficmanager.net/apac/", TeamsConversation.ReadReference(again.Reference)!.ServiceUrl);
    }

    [Fact]
    public void The_person_is_their_aad_object_id_else_their_channel_id()
    {
        var activity = InThread("a:personal", "personal");
        Assert.Equal(new ChatUser("teams", "6f1a2b3c-0000-4000-8000-00000000a11c", "Alice Li"), TeamsConversation.UserOf(activity));

        activity.From = new ChannelAccount { Id = "29:alice" };
        Assert.Equal(new ChatUser("teams", "29:alice", "29:alice"), TeamsConversation.UserOf(activity));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"serviceUrl\":\"https://x/\"}")]
    [InlineData("{\"serviceUrl\":\"\",\"conversation\":{\"id\":\"a\"}}")]
    public void A_stored_reference_that_cannot_route_reads_as_none(string? json) =>
        Assert.Null(TeamsConversation.ReadReference(json));

    [Fact]
    public void Conversation_ids_are_escaped_in_connector_paths()
    {
        var url = BotConnector.ActivitiesUrl("https://smba.trafficmanager.net/apac/", "19:abc@thread.tacv2;messageid=17", "1:2x");

        Assert.Equal("https://smba.trafficmanager.net/apac/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D17/activities/1%3A2x", url.AbsoluteUri);
    }

    [Theory]
    [InlineData("19:abc@thread.tacv2;messageid=17|17", "19:abc@thread.tacv2;messageid=17", "17")]
    [InlineData("a:chat|1:xyz", "a:chat", "1:xyz")]
    [InlineData("1:xyz", "fallback", "1:xyz")]
    public void Message_references_round_trip(string value, string conversation, string activity)
    {
        var parsed = TeamsMessageRef.Parse(value, "fallback")!;

        Assert.Equal(new TeamsMessageRef(conversation, activity), parsed);
        if (value.Contains('|')) Assert.Equal(value, parsed.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("|17")]
    [InlineData("a:chat|")]
    public void Broken_message_references_are_refused(string value) => Assert.Null(TeamsMessageRef.Parse(value, null));
}
