using Bot.TencentIot;

namespace Bot.TencentIot.Tests;

public sealed class TencentSignatureTests
{
    private static readonly TencentParameter[] SignIn =
    [
        TencentParameter.Text("Type", "phone"),
        TencentParameter.Text("Action", "AppGetToken"),
        TencentParameter.Text("RequestId", "8b8d499bbba1ac28b6da21b4"),
        TencentParameter.Text("AppKey", "ahPxdK****TGrejd"),
        TencentParameter.Number("Timestamp", 1546315200),
        TencentParameter.Number("Nonce", 71087795),
        TencentParameter.Text("CountryCode", "86"),
        TencentParameter.Text("PhoneNumber", "13800000000"),
        TencentParameter.Text("Email", ""),
        TencentParameter.Text("Password", "Abc12345"),
    ];

    [Fact]
    public void String_to_sign_is_sorted_ordinally_raw_and_skips_empty_values_and_the_signature()
    {
        var withSignature = SignIn.Append(TencentParameter.Text("Signature", "x")).ToArray();
        Assert.Equal(
            "Action=AppGetToken&AppKey=ahPxdK****TGrejd&CountryCode=86&Nonce=71087795&Password=Abc12345&PhoneNumber=13800000000&RequestId=8b8d499bbba1ac28b6da21b4&Timestamp=1546315200&Type=phone",
            TencentSignature.StringToSign(withSignature));
    }

    [Fact]
    public void Signature_is_base64_hmac_sha1_of_the_string_with_the_app_secret()
    {
        // Computed independently (Python hmac/hashlib) from the string above and secret "secret-xyz".
        Assert.Equal("glgzZ/43BioLEHaWli921W7inCI=", TencentSignature.Sign(SignIn, "secret-xyz"));
        Assert.True(TencentSignature.Verify(SignIn, "secret-xyz", "glgzZ/43BioLEHaWli921W7inCI="));
        Assert.False(TencentSignature.Verify(SignIn, "secret-xyZ", "glgzZ/43BioLEHaWli921W7inCI="));
        Assert.False(TencentSignature.Verify(SignIn, "secret-xyz", ""));
    }

    [Fact]
    public void Ordinal_sort_puts_upper_case_before_lower_case()
    {
        Assert.Equal("B=1&a=2", TencentSignature.StringToSign([TencentParameter.Text("a", "2"), TencentParameter.Number("B", 1)]));
    }
}
