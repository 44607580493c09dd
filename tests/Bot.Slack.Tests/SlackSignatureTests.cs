using System.Text;

namespace Bot.Slack.Tests;

public sealed class SlackSignatureTests
{
    // Slack's published example (api.slack.com "Verifying requests from Slack").
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string Timestamp = "1531420618";
    private const string Signature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c");
    private static readonly DateTimeOffset Then = DateTimeOffset.FromUnixTimeSeconds(1531420618);

    [Fact]
    public void The_documented_example_verifies() =>
        Assert.Equal(SignatureCheck.Valid, SlackSignature.Verify(Secret, Timestamp, Signature, Body, Then.AddSeconds(30)));

    [Fact]
    public void The_documented_example_is_what_we_compute() =>
        Assert.Equal(Signature, SlackSignature.Header(Secret, Timestamp, Body));

    [Theory]
    [InlineData(-301, SignatureCheck.Stale)]
    [InlineData(301, SignatureCheck.Stale)]
    [InlineData(-299, SignatureCheck.Valid)]
    [InlineData(299, SignatureCheck.Valid)]
    public void Only_a_five_minute_window_either_way_is_accepted(int offsetSeconds, SignatureCheck expected) =>
        Assert.Equal(expected, SlackSignature.Verify(Secret, Timestamp, Signature, Body, Then.AddSeconds(offsetSeconds)));

    [Fact]
    public void A_changed_body_secret_or_timestamp_does_not_verify()
    {
        var altered = (byte[])Body.Clone();
        altered[^1] ^= 1;
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify(Secret, Timestamp, Signature, altered, Then));
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify(Secret + "x", Timestamp, Signature, Body, Then));
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify(Secret, "1531420619", Signature, Body, Then));
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify(Secret, Timestamp, Signature, [.. Body, (byte)' '], Then));
    }

    [Theory]
    [InlineData(null, Signature, SignatureCheck.Missing)]
    [InlineData(Timestamp, null, SignatureCheck.Missing)]
    [InlineData("", "", SignatureCheck.Missing)]
    [InlineData("15314x0618", Signature, SignatureCheck.Malformed)]
    [InlineData("-1531420618", Signature, SignatureCheck.Malformed)]
    [InlineData("99999999999999999999", Signature, SignatureCheck.Malformed)]
    [InlineData(Timestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureCheck.Malformed)]
    [InlineData(Timestamp, "v0=a2114d57", SignatureCheck.Malformed)]
    [InlineData(Timestamp, "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureCheck.Malformed)]
    [InlineData(Timestamp, "a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureCheck.Malformed)]
    public void Missing_or_malformed_headers_are_refused(string? timestamp, string? signature, SignatureCheck expected) =>
        Assert.Equal(expected, SlackSignature.Verify(Secret, timestamp, signature, Body, Then));

    [Fact]
    public void Upper_case_hex_is_the_same_signature() =>
        Assert.Equal(SignatureCheck.Valid, SlackSignature.Verify(Secret, Timestamp, "v0=" + Signature[3..].ToUpperInvariant(), Body, Then));

    [Fact]
    public void Another_secret_after_the_first_is_used_not_the_remembered_one()
    {
        Assert.Equal(SignatureCheck.Valid, SlackSignature.Verify(Secret, Timestamp, Signature, Body, Then));
        var other = SlackSignature.Header("another secret", Timestamp, Body);
        Assert.Equal(SignatureCheck.Valid, SlackSignature.Verify("another secret", Timestamp, other, Body, Then));
        Assert.Equal(SignatureCheck.Mismatch, SlackSignature.Verify(Secret, Timestamp, other, Body, Then));
        Assert.Equal(SignatureCheck.Valid, SlackSignature.Verify(Secret, Timestamp, Signature, Body, Then));
    }

    [Fact]
    public void An_empty_and_a_large_body_verify_as_signed()
    {
        var large = new byte[200 * 1024];
        Random.Shared.NextBytes(large);
        foreach (var body in new[] { Array.Empty<byte>(), large })
        {
            var header = SlackSignature.Header(Secret, Timestamp, body);
            Assert.Equal(SignatureCheck.Valid, SlackSignature.Verify(Secret, Timestamp, header, body, Then));
        }
    }

    [Theory]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b50 ")]
    [InlineData("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b5g3")]
    public void A_signature_with_a_character_that_is_not_hex_is_malformed(string signature) =>
        Assert.Equal(SignatureCheck.Malformed, SlackSignature.Verify(Secret, Timestamp, signature, Body, Then));
}
