namespace Bot.Teams.Tests;

public sealed class TeamsOptionsTests
{
    private static TeamsOptions Valid() => new()
    {
        MicrosoftAppId = "5e2c7b1a-7d4f-4a8e-9c61-3b0f1d2e4a57",
        MicrosoftAppPassword = "secret-value",
    };

    private static IReadOnlyList<string> Failures(TeamsOptions o) =>
        new TeamsOptionsValidator().Validate(null, o).Failures?.ToList() ?? [];

    [Fact]
    public void Without_an_app_id_Teams_is_off_and_nothing_else_is_checked()
    {
        var off = new TeamsOptions { MicrosoftAppType = "nonsense", TokenEndpoint = "ftp://x" };

        Assert.False(off.Enabled);
        Assert.Empty(Failures(off));
    }

    [Fact]
    public void The_defaults_with_an_id_and_password_are_valid_and_multitenant_uses_botframework_com()
    {
        Assert.Empty(Failures(Valid()));
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", Valid().ResolvedTokenEndpoint);
    }

    [Fact]
    public void Single_tenant_needs_its_tenant_and_uses_it_for_tokens()
    {
        var o = Valid();
        o.MicrosoftAppType = "SingleTenant";
        Assert.Contains(Failures(o), f => f.Contains("Teams:MicrosoftAppTenantId"));

        o.MicrosoftAppTenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        Assert.Empty(Failures(o));
        Assert.Equal("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token", o.ResolvedTokenEndpoint);
    }

    [Fact]
    public void Each_bad_setting_is_named_and_the_secret_never_echoed()
    {
        var o = new TeamsOptions
        {
            MicrosoftAppId = "not-a-guid",
            MicrosoftAppType = "Sometimes",
            MicrosoftAppPassword = "",
            OpenIdMetadataUrl = "http://login.botframework.com/v1/.well-known/openidconfiguration",
            TokenEndpoint = "https://login.microsoftonline.com/{tenant}/token",
            Scope = " ",
            Admins = ["alice"],
        };

        var failures = string.Join("\n", Failures(o));

        foreach (var name in new[] { "MicrosoftAppId", "MicrosoftAppType", "MicrosoftAppPassword", "OpenIdMetadataUrl", "TokenEndpoint", "Scope", "Admins" })
            Assert.Contains("Teams:" + name, failures);
    }

    [Fact]
    public void Admins_are_matched_by_aad_object_id_ignoring_case()
    {
        var o = Valid();
        o.Admins = ["6F1A2B3C-0000-4000-8000-00000000A11C"];

        Assert.True(o.IsAdmin("6f1a2b3c-0000-4000-8000-00000000a11c"));
        Assert.False(o.IsAdmin("6f1a2b3c-0000-4000-8000-000000000b0b"));
        Assert.False(o.IsAdmin(null));
    }
}
