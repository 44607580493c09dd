using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Bot.Slack.Tests;

/// <summary>The form reader answers as the framework's query parser did for every field it is asked about.</summary>
public sealed class SlackFormTests
{
    [Theory]
    [InlineData("command=%2Fdevices&text=map+aqm0523&user_name=%E5%BC%A0%E4%B8%89&x=%3C%26%3E")]
    [InlineData("?command=%2Fcall&text=")]
    [InlineData("text=a&text=b&TEXT=c")]                      // repeated (any case): joined by commas
    [InlineData("text&command=%2Fcall&&=x&user_id")]          // no '=', empty pairs, an empty name
    [InlineData("te%78t=%zz%E5%BC&command=%2F%2F+%2B")]       // an escaped name, a bad escape, a cut UTF-8 sequence
    [InlineData("text=a%3Db%26c=d&payload=%7B%22a%22%3A1%7D")]
    [InlineData("")]
    public void Each_field_reads_as_the_query_parser_reads_it(string body)
    {
        var reference = QueryHelpers.ParseQuery(body);
        var form = SlackForm.Of(Encoding.UTF8.GetBytes(body));
        foreach (var name in new[] { "text", "command", "user_name", "x", "user_id", "payload", "TEXT", "missing", "" })
        {
            string? expected = reference.TryGetValue(name, out var v) ? v.ToString() : null;
            Assert.Equal(expected, form[name]);
        }
    }

    [Fact]
    public void Invalid_utf8_reads_as_replacement_characters_as_before()
    {
        byte[] body = [.. "text="u8, 0xFF, 0xFE, .. "&command=%2Fcall"u8];
        var reference = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
        Assert.Equal(reference["text"].ToString(), SlackForm.Of(body)["text"]);
        Assert.Equal("/call", SlackForm.Of(body)["command"]);
    }

    [Fact]
    public void A_long_value_with_plus_signs_is_decoded_whole()
    {
        var text = string.Join('+', Enumerable.Repeat("word", 400));
        Assert.Equal(string.Join(' ', Enumerable.Repeat("word", 400)), SlackForm.Of(Encoding.UTF8.GetBytes("text=" + text))["text"]);
    }
}
