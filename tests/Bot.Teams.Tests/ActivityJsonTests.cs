using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Teams.Activities;

namespace Bot.Teams.Tests;

public sealed class ActivityJsonTests
{
    // The shape of Microsoft's published example of a channel message that mentions a bot, with Teams'
    // extra members (clientInfo entity, channelData.teamsChannelId, localTimezone …) that the bot does not model.
    private const string ChannelMessage = """
        {
          "text": "<at>Bot</at>&nbsp;call aqm0523",
          "textFormat": "plain",
          "type": "message",
          "timestamp": "2026-11-22T08:41:06.9021534Z",
          "localTimestamp": "2026-11-22T16:41:06.9021534+08:00",
          "id": "1732264866889",
          "channelId": "msteams",
          "serviceUrl": "https://smba.trafficmanager.net/apac/",
          "from": { "id": "29:1AliceChannelId", "name": "Alice Li", "aadObjectId": "6f1a2b3c-0000-4000-8000-00000000a11c" },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
                            "id": "19:5ac3b8a1f2e94c0d9e1b@thread.tacv2;messageid=1732264866889" },
          "recipient": { "id": "28:5e2c7b1a-7d4f-4a8e-9c61-3b0f1d2e4a57", "name": "Bot" },
          "entities": [
            { "mentioned": { "id": "28:5e2c7b1a-7d4f-4a8e-9c61-3b0f1d2e4a57", "name": "Bot" }, "text": "<at>Bot</at>", "type": "mention" },
            { "locale": "zh-CN", "country": "CN", "platform": "Windows", "timezone": "Asia/Shanghai", "type": "clientInfo" }
          ],
          "channelData": {
            "teamsChannelId": "19:5ac3b8a1f2e94c0d9e1b@thread.tacv2",
            "teamsTeamId": "19:teamgeneral@thread.tacv2",
            "channel": { "id": "19:5ac3b8a1f2e94c0d9e1b@thread.tacv2", "name": "Pump stations" },
            "team": { "id": "19:teamgeneral@thread.tacv2", "name": "Field Ops", "aadGroupId": "0b6f5a1e-aaaa-4bbb-8ccc-123456789abc" },
            "tenant": { "id": "72f988bf-86f1-41af-91ab-2d7cd011db47" }
          },
          "locale": "zh-CN",
          "localTimezone": "Asia/Shanghai"
        }
        """;

    [Fact]
    public void The_fields_the_bot_uses_are_read()
    {
        var a = JsonSerializer.Deserialize(ChannelMessage, TeamsJson.Default.Activity)!;

        Assert.Equal(Activity.Message, a.Type);
        Assert.Equal("https://smba.trafficmanager.net/apac/", a.ServiceUrl);
        Assert.Equal("6f1a2b3c-0000-4000-8000-00000000a11c", a.From!.AadObjectId);
        Assert.Equal("channel", a.Conversation!.ConversationType);
        Assert.Equal("Pump stations", a.ChannelData!.Channel!.Name);
        Assert.Equal("zh-CN", a.Locale);
        Assert.Equal("mention", a.Entities![0].Type);
    }

    [Fact]
    public void An_activity_read_and_written_again_keeps_every_field_it_does_not_know()
    {
        var a = JsonSerializer.Deserialize(ChannelMessage, TeamsJson.Default.Activity)!;

        var written = JsonNode.Parse(JsonSerializer.Serialize(a, TeamsJson.Default.Activity))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ChannelMessage), written), written.ToJsonString());
        Assert.Equal("Asia/Shanghai", written["localTimezone"]!.GetValue<string>());
        Assert.Equal("0b6f5a1e-aaaa-4bbb-8ccc-123456789abc", written["channelData"]!["team"]!["aadGroupId"]!.GetValue<string>());
        Assert.Equal("Windows", written["entities"]![1]!["platform"]!.GetValue<string>());
    }

    [Fact]
    public void The_invoke_answer_has_the_documented_shape()
    {
        var answer = new AdaptiveCardInvokeResponse(200, AdaptiveCardInvokeResponse.MessageType, JsonSerializer.SerializeToElement("done", TeamsJson.Default.String));

        var json = JsonNode.Parse(JsonSerializer.Serialize(answer, TeamsJson.Default.AdaptiveCardInvokeResponse))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"statusCode":200,"type":"application/vnd.microsoft.activity.message","value":"done"}"""), json));
    }
}
