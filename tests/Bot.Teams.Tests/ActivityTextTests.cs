using Bot.Teams.Activities;

namespace Bot.Teams.Tests;

public sealed class ActivityTextTests
{
    private static Activity Message(string text, params (string Id, string Text)[] mentions) => new()
    {
        Type = Activity.Message,
        Text = text,
        Recipient = new ChannelAccount { Id = "28:bot", Name = "Bot" },
        Entities = mentions.Select(m => new Entity { Type = "mention", Text = m.Text, Mentioned = new ChannelAccount { Id = m.Id } }).ToList(),
    };

    [Theory]
    [InlineData("<at>Bot</at> call aqm0523", "call aqm0523")]
    [InlineData("<at>Bot</at>&nbsp;call&nbsp;aqm0523&nbsp;", "call aqm0523")]
    [InlineData("<at>Bot</at> /call aqm0523", "/call aqm0523")]
    [InlineData("  <at>Bot</at>\n devices   map  aqm0523 ", "devices map aqm0523")]
    [InlineData("<p><at>Bot</at> help</p>", "help")]
    [InlineData("call &lt;aqm0523&gt; &amp; more", "call <aqm0523> & more")]
    public void The_bots_mention_goes_entities_are_decoded_and_space_trimmed(string text, string expected) =>
        Assert.Equal(expected, ActivityText.CommandText(Message(text, ("28:bot", "<at>Bot</at>"))));

    [Fact]
    public void Personal_chat_text_without_a_mention_is_taken_as_it_is() =>
        Assert.Equal("call aqm0523", ActivityText.CommandText(Message("call aqm0523")));

    [Fact]
    public void Another_persons_mention_stays_as_their_name()
    {
        var text = ActivityText.CommandText(Message("<at>Bot</at> call <at>Bob Wang</at>", ("28:bot", "<at>Bot</at>"), ("29:bob", "<at>Bob Wang</at>")));

        Assert.Equal("call Bob Wang", text);
    }

    [Fact]
    public void Oncall_names_a_person_by_their_aad_object_id_and_name()
    {
        var activity = Message("<at>Bot</at> oncall add <at>Bob Wang</at>", ("28:bot", "<at>Bot</at>"));
        activity.Entities!.Add(new Entity { Type = "mention", Text = "<at>Bob Wang</at>", Mentioned = new ChannelAccount { Id = "29:bob", Name = "Bob Wang", AadObjectId = "6b1f-aad" } });

        Assert.Equal("oncall add <@6b1f-aad|Bob Wang>", ActivityText.CommandText(activity));
    }

    [Fact]
    public void A_bot_renamed_in_the_team_is_still_removed_by_its_entity_text() =>
        Assert.Equal("devices", ActivityText.CommandText(Message("<at>设备机器人</at> devices", ("28:bot", "<at>设备机器人</at>"))));

    [Fact]
    public void No_text_is_an_empty_command() =>
        Assert.Equal("", ActivityText.CommandText(new Activity { Type = Activity.Message }));
}
