using System.Text.Json;
using Bot.TencentIot;

namespace Bot.TencentIot.Tests;

/// <summary>Both envelopes of tencent-iot.md §5 and the seed's example answer, plus hostile bodies.</summary>
public sealed class TencentWireTests
{
    // The seed's "输出示例" verbatim (first two messages).
    private const string SeedAnswer = """
        {
        "Response": {
        "Data": {
        "Listover": true,
        "Msgs": [{
        "UserID": "1",
        "FromUserID": "",
        "MsgID": "65167410520395776",
        "Category": 1,
        "MsgType": 100,
        "MsgTitle": "Device Warning",
        "MsgContent": "Some message Wed Nov 27 2019 11:52:01 GMT+0000.",
        "MsgTimestamp": 1574855521420,
        "ProductId": "",
        "DeviceName": "",
        "DeviceAlias": "",
        "FamilyId": "",
        "FamilyName": "",
        "RelateUserID": "",
        "CreateAt": "2019-11-27T11:52:01.42Z"
        }, {
        "UserID": "1",
        "FromUserID": "1",
        "MsgID": "65167339519217664",
        "Category": 3,
        "MsgType": 300,
        "MsgTitle": "设备分享结果通知",
        "MsgContent": "“dylan”已成功接收“jordan”分享的设备“智能灯”,现在可以查看和控制设备了。 Wed Nov 27 2019 11:51:44 GMT+0000",
        "MsgTimestamp": 1574855504492,
        "ProductId": "22F9Y6II7O",
        "DeviceName": "light1",
        "DeviceAlias": "light1",
        "FamilyId": "",
        "FamilyName": "",
        "RelateUserID": "2",
        "CreateAt": "2019-11-27T11:51:44.492Z"
        }]
        },
        "RequestId": "f92406b3-5a9a-4fe8-bc43-45e3d794bb68"
        }
        }
        """;

    [Fact]
    public void Reads_the_seed_example()
    {
        var answer = TencentWire.ReadAnswer(SeedAnswer, "AppGetMessages");
        Assert.True(answer.Succeeded);
        Assert.Equal("f92406b3-5a9a-4fe8-bc43-45e3d794bb68", answer.RequestId);
        var page = TencentWire.ReadMessages(answer.Data!.Value);
        Assert.True(page.ListOver);
        Assert.Equal(2, page.Messages.Count);
        var warning = page.Messages[0];
        Assert.Equal(("65167410520395776", 1, 100, 1574855521420L), (warning.MsgId, warning.Category, warning.MsgType, warning.Timestamp));
        Assert.Null(warning.Device);
        var share = page.Messages[1];
        Assert.Equal("设备分享结果通知", share.Title);
        Assert.Equal(new Bot.Core.Devices.SourceIdentity("22F9Y6II7O", "light1"), share.Device);
        Assert.Equal("2", share.RelateUserId);
    }

    [Fact]
    public void Reads_the_app_client_envelope()
    {
        const string body = """{"code":0,"msg":"","data":{"Data":{"Listover":"false","Msgs":[{"MsgID":"7","Category":2,"MsgTimestamp":"1574855517907","FamilyId":"1"}]},"RequestId":"r-1"}}""";
        var answer = TencentWire.ReadAnswer(body, "AppGetMessages");
        Assert.Equal("r-1", answer.RequestId);
        var page = TencentWire.ReadMessages(answer.Data!.Value);
        Assert.False(page.ListOver);
        Assert.Equal(1574855517907L, Assert.Single(page.Messages).Timestamp);
    }

    [Theory]
    [InlineData("""{"Response":{"Error":{"Code":"InvalidParameterValue.InvalidAccessToken","Message":"token expired"},"RequestId":"r"}}""")]
    [InlineData("""{"code":1,"msg":"token expired","data":{"Error":{"Code":"InvalidParameterValue.InvalidAccessToken","Message":"token expired"}}}""")]
    public void Reads_errors_in_both_envelopes(string body)
    {
        var answer = TencentWire.ReadAnswer(body, "AppGetMessages");
        Assert.False(answer.Succeeded);
        Assert.Equal(TencentWire.InvalidAccessToken, answer.ErrorCode);
        Assert.Equal("token expired", answer.ErrorMessage);
    }

    [Fact]
    public void An_app_client_error_without_an_error_object_keeps_code_and_msg()
    {
        var answer = TencentWire.ReadAnswer("""{"code":-1,"msg":"busy","data":null}""", "AppGetMessages");
        Assert.Equal(("-1", "busy"), (answer.ErrorCode, answer.ErrorMessage));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"false\"", false)]
    [InlineData("\"TRUE\"", true)]
    public void Listover_is_a_boolean_or_its_string(string json, bool expected)
    {
        using var doc = JsonDocument.Parse($$"""{"Listover": {{json}}, "Msgs": []}""");
        Assert.Equal(expected, TencentWire.ReadListover(doc.RootElement));
    }

    [Theory]
    [InlineData("<html>502</html>")]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("{\"Response\": {\"Data\": {\"Msgs\": [")]
    [InlineData("{\"Response\": {\"RequestId\": \"x\"}}")]
    [InlineData("{\"code\": \"zero\"}")]
    [InlineData("{\"hello\": 1}")]
    public void Malformed_answers_are_a_tencent_exception(string body)
    {
        var e = Assert.Throws<TencentException>(() => TencentWire.ReadAnswer(body, "AppGetMessages"));
        Assert.Equal(TencentFaultKind.Malformed, e.Kind);
    }

    [Theory]
    [InlineData("""{"Msgs": [{"Category": 1, "MsgTimestamp": 1}]}""")]
    [InlineData("""{"Msgs": [{"MsgID": "1", "Category": 1}]}""")]
    [InlineData("""{"Msgs": [{"MsgID": "1", "MsgTimestamp": -5}]}""")]
    [InlineData("""{"Msgs": [42]}""")]
    [InlineData("""{"Msgs": "none"}""")]
    [InlineData("""{"Listover": "maybe", "Msgs": []}""")]
    public void Messages_without_identity_or_time_are_refused(string data)
    {
        using var doc = JsonDocument.Parse(data);
        Assert.Throws<TencentException>(() => TencentWire.ReadMessages(doc.RootElement));
    }

    [Fact]
    public void Requests_write_numbers_as_numbers_and_strings_raw()
    {
        var bytes = TencentWire.WriteRequest([TencentParameter.Text("MsgID", ""), TencentParameter.Number("MsgTimestamp", 0), TencentParameter.Text("Title", "智能灯")]);
        using var doc = JsonDocument.Parse(bytes);
        Assert.Equal(JsonValueKind.String, doc.RootElement.GetProperty("MsgID").ValueKind);
        Assert.Equal(0, doc.RootElement.GetProperty("MsgTimestamp").GetInt64());
        Assert.Equal("智能灯", doc.RootElement.GetProperty("Title").GetString());
    }

    [Fact]
    public void Positions_order_by_time_then_numeric_id()
    {
        Assert.True(new TencentPosition(2, "1") > new TencentPosition(1, "999"));
        Assert.True(new TencentPosition(1, "10") > new TencentPosition(1, "9"));
        Assert.True(new TencentPosition(1, "65167410520395776") > new TencentPosition(1, "65167395785805824"));
        Assert.Equal(0, new TencentPosition(1, "5").CompareTo(new TencentPosition(1, "5")));
    }
}
