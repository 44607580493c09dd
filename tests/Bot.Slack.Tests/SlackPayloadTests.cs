using System.Text.Json;
using Bot.Core.Channels;

namespace Bot.Slack.Tests;

public sealed class SlackPayloadTests
{
    private static Func<string, string?> Fields(Dictionary<string, string> fields) => name => fields.GetValueOrDefault(name);

    private static Dictionary<string, string> Command() => new()
    {
        ["team_id"] = "T0001", ["channel_id"] = "C2147483705", ["channel_name"] = "test", ["user_id"] = "U2147483697",
        ["user_name"] = "Steve", ["command"] = "/call", ["text"] = "aqm0523",
        ["response_url"] = "https://hooks.slack.com/commands/1234/5678",
    };

    [Fact]
    public void A_slash_command_maps_to_the_cores_channel_user_and_text()
    {
        var command = SlashCommand.From(Fields(Command()))!;
        Assert.Equal(new Channel { Platform = "slack", ExternalId = "C2147483705", Name = "test", TenantId = "T0001" }, command.Origin.Channel);
        Assert.Equal(new ChatUser("slack", "U2147483697", "Steve"), command.Origin.User());
        Assert.Equal("call aqm0523", command.CoreText);
        Assert.Equal("https://hooks.slack.com/commands/1234/5678", command.ResponseUrl);

        var devices = Command();
        devices["command"] = "/devices";
        devices["text"] = "  map  bxk1000 ";
        Assert.Equal("devices   map  bxk1000", SlashCommand.From(Fields(devices))!.CoreText);
    }

    [Theory]
    [InlineData("team_id", null)]
    [InlineData("channel_id", "")]
    [InlineData("user_id", "U1<script>")]
    [InlineData("command", "call")]
    [InlineData("channel_id", "C123/../x")]
    public void A_command_missing_or_odd_fields_is_not_a_command(string field, string? value)
    {
        var fields = Command();
        if (value is null) fields.Remove(field); else fields[field] = value;
        Assert.Null(SlashCommand.From(Fields(fields)));
    }

    [Fact]
    public void Form_bodies_decode_plus_and_percent_escapes_and_utf8()
    {
        var form = SlackEndpoints.Form(System.Text.Encoding.UTF8.GetBytes("command=%2Fdevices&text=map+aqm0523&user_name=%E5%BC%A0%E4%B8%89&x=%3C%26%3E"));
        Assert.Equal("/devices", form["command"].ToString());
        Assert.Equal("map aqm0523", form["text"].ToString());
        Assert.Equal("张三", form["user_name"].ToString());
        Assert.Equal("<&>", form["x"].ToString());
    }

    [Fact]
    public void Over_long_command_text_is_cut_not_refused()
    {
        var fields = Command();
        fields["text"] = new string('x', 10_000);
        Assert.Equal(SlashCommand.MaxText, SlashCommand.From(Fields(fields))!.Text.Length);
    }

    [Fact]
    public void A_command_without_a_usable_response_url_still_parses_without_one()
    {
        var fields = Command();
        fields["response_url"] = "javascript:alert(1)";
        Assert.Null(SlashCommand.From(Fields(fields))!.ResponseUrl);
    }

    [Fact]
    public void A_block_actions_payload_gives_verb_and_id()
    {
        // Shape of Slack's documented block_actions example.
        var json = """
            {"type":"block_actions","team":{"id":"T9TK3CUKW","domain":"example"},"user":{"id":"UA8RXUSPL","username":"jtorrance","name":"jtorrance","team_id":"T9TK3CUKW"},
             "api_app_id":"AABA1ABCD","token":"9s8d9as89d8as9d8as989","container":{"type":"message_attachment","message_ts":"1548261231.000200","channel_id":"CBR2V3XEX","is_ephemeral":true},
             "trigger_id":"12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3","channel":{"id":"CBR2V3XEX","name":"review-updates"},
             "response_url":"https://hooks.slack.com/actions/AABA1ABCD/1232321423432/D09sSasdasdAS9091209",
             "actions":[{"action_id":"call.confirm#0","block_id":"bXy","text":{"type":"plain_text","text":"Call","emoji":true},"value":"0a1b2c","type":"button","action_ts":"1548426417.840180"}]}
            """;
        var action = BlockAction.FromJson(JsonDocument.Parse(json).RootElement)!;
        Assert.Equal("call.confirm", action.Verb);
        Assert.Equal("0a1b2c", action.Value);
        Assert.Equal(new ChatUser("slack", "UA8RXUSPL", "jtorrance"), action.Origin.User());
        Assert.Equal("slack:CBR2V3XEX", action.Origin.Channel.Key);
        Assert.Equal("T9TK3CUKW", action.Origin.Channel.TenantId);
    }

    [Theory]
    [InlineData("""{"type":"view_submission"}""")]
    [InlineData("""{"type":"block_actions"}""")]
    [InlineData("""{"type":"block_actions","user":"U1","actions":[]}""")]
    [InlineData("""{"type":"block_actions","user":{"id":"U1","team_id":"T1"},"channel":{"id":"C1"},"actions":[]}""")]
    [InlineData("""{"type":"block_actions","user":{"id":"U1","team_id":"T1"},"channel":{"id":"C1"},"actions":[{"action_id":"x"}]}""")]
    [InlineData("""{"type":"block_actions","user":{"id":"U1","team_id":"T1"},"actions":[{"action_id":"x","value":"y"}]}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""{"type":5,"user":{"id":7}}""")]
    public void Anything_else_is_not_a_click(string json) =>
        Assert.Null(BlockAction.FromJson(JsonDocument.Parse(json).RootElement));

    [Fact]
    public void Message_references_round_trip_and_garbage_is_refused()
    {
        var reference = new SlackMessageRef("C0123", "1712345678.000100");
        Assert.Equal(reference, SlackMessageRef.Parse(reference.ToString()));
        Assert.Null(SlackMessageRef.Parse("C0123"));
        Assert.Null(SlackMessageRef.Parse("|1.2"));
        Assert.Null(SlackMessageRef.Parse(null));
    }
}
