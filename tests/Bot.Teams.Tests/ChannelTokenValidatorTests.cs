using Bot.StandIns.Teams;
using Bot.Teams.Activities;
using Bot.Teams.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Teams.Tests;

/// <summary>The validator as the host wires it, reading keys from the stand-in, with the clock in the test's hand.</summary>
public sealed class ChannelTokenValidatorTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Issued);
    private WiredTeams _wired = null!;

    private TeamsStandIn StandIn => _wired.StandIn;
    private ChannelTokenValidator Validator => _wired.Get<ChannelTokenValidator>();

    public async Task InitializeAsync() => _wired = await WiredTeams.StartAsync(_time);

    public async Task DisposeAsync() => await _wired.DisposeAsync();

    private string Token(TimeSpan lifetime) =>
        StandIn.ChannelToken(change: s => s with { IssuedAt = Issued, Expires = Issued + lifetime });

    private Activity Activity(string? serviceUrl = null, string channelId = "msteams") =>
        new() { Type = "message", ServiceUrl = serviceUrl ?? StandIn.ServiceUrl, ChannelId = channelId };

    [Fact]
    public async Task Expiry_is_judged_by_the_injected_clock_with_five_minutes_of_skew()
    {
        var token = Token(TimeSpan.FromHours(1));

        _time.SetUtcNow(Issued + TimeSpan.FromHours(1) + TimeSpan.FromMinutes(4));
        var (within, _) = await Validator.ValidateAsync("Bearer " + token, CancellationToken.None);
        _time.SetUtcNow(Issued + TimeSpan.FromHours(1) + TimeSpan.FromMinutes(6));
        var (after, reason) = await Validator.ValidateAsync("Bearer " + token, CancellationToken.None);

        Assert.NotNull(within);
        Assert.Null(after);
        Assert.Contains("Lifetime", reason);
    }

    [Fact]
    public async Task A_token_checked_once_is_remembered_until_it_expires_and_a_changed_byte_is_checked_again()
    {
        var token = Token(TimeSpan.FromHours(1));
        var (first, _) = await Validator.ValidateAsync("Bearer " + token, CancellationToken.None);
        var (again, _) = await Validator.ValidateAsync("Bearer " + token, CancellationToken.None);
        Assert.NotNull(first);
        Assert.Same(first, again);

        // Not the same bytes: a forged signature is checked, and refused.
        var forged = token[..^2] + (token[^2] == 'A' ? "BA" : "AA");
        var (refused, _) = await Validator.ValidateAsync("Bearer " + forged, CancellationToken.None);
        Assert.Null(refused);

        _time.SetUtcNow(Issued + TimeSpan.FromHours(1) + TimeSpan.FromMinutes(6));
        var (expired, reason) = await Validator.ValidateAsync("Bearer " + token, CancellationToken.None);
        Assert.Null(expired);
        Assert.Contains("Lifetime", reason);
    }

    [Fact]
    public async Task A_remembered_token_is_checked_again_after_a_few_minutes_though_it_is_still_valid()
    {
        var token = Token(TimeSpan.FromHours(1));
        var (first, _) = await Validator.ValidateAsync("Bearer " + token, CancellationToken.None);
        _time.Advance(ChannelTokenValidator.RememberFor - TimeSpan.FromSeconds(1));
        var (remembered, _) = await Validator.ValidateAsync("Bearer " + token, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        var (checkedAgain, _) = await Validator.ValidateAsync("Bearer " + token, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Same(first, remembered);
        Assert.NotNull(checkedAgain);
        Assert.NotSame(first, checkedAgain);
    }

    [Fact]
    public async Task A_remembered_token_is_checked_again_once_the_channel_keys_were_read_anew()
    {
        var token = Token(TimeSpan.FromHours(1));
        var (first, _) = await Validator.ValidateAsync("Bearer " + token, CancellationToken.None);
        Assert.NotNull(first);

        // A token naming a kid not yet known makes the validator read the keys again (a minute after the last read).
        StandIn.Publish(StandIn.UnlistedKey);
        _time.Advance(ChannelSigningKeys.MinRefreshInterval);
        var rotated = StandIn.ChannelToken(StandIn.UnlistedKey, s => s with { IssuedAt = Issued, Expires = Issued.AddHours(1) });
        var (other, _) = await Validator.ValidateAsync("Bearer " + rotated, CancellationToken.None);
        Assert.NotNull(other);
        var (again, _) = await Validator.ValidateAsync("Bearer " + token, CancellationToken.None);

        Assert.NotNull(again);
        Assert.NotSame(first, again);
        Assert.Same(other.Keys, again.Keys);
    }

    [Fact]
    public async Task A_remembered_token_is_not_taken_past_its_expiry()
    {
        var token = Token(TimeSpan.FromMinutes(2));
        var (first, _) = await Validator.ValidateAsync("Bearer " + token, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2) + ChannelTokenValidator.ClockSkew + TimeSpan.FromSeconds(1));
        var (late, reason) = await Validator.ValidateAsync("Bearer " + token, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Null(late);
        Assert.Contains("Lifetime", reason);
    }

    [Fact]
    public async Task A_token_from_the_future_beyond_the_skew_is_refused()
    {
        var early = StandIn.ChannelToken(change: s => s with { IssuedAt = Issued + TimeSpan.FromMinutes(6), Expires = Issued.AddHours(1) });
        var soon = StandIn.ChannelToken(change: s => s with { IssuedAt = Issued + TimeSpan.FromMinutes(4), Expires = Issued.AddHours(1) });

        var (refused, _) = await Validator.ValidateAsync("Bearer " + early, CancellationToken.None);
        var (accepted, _) = await Validator.ValidateAsync("Bearer " + soon, CancellationToken.None);

        Assert.Null(refused);
        Assert.NotNull(accepted);
    }

    [Fact]
    public async Task The_token_is_bound_to_the_activitys_serviceUrl_and_channel()
    {
        var (token, _) = await Validator.ValidateAsync("Bearer " + Token(TimeSpan.FromHours(1)), CancellationToken.None);
        Assert.NotNull(token);

        Assert.True(ChannelTokenValidator.Verdict(token, Activity()).Accepted);
        Assert.True(ChannelTokenValidator.Verdict(token, Activity(StandIn.ServiceUrl.TrimEnd('/'))).Accepted);
        Assert.False(ChannelTokenValidator.Verdict(token, Activity("https://smba.trafficmanager.net/emea/")).Accepted);
        Assert.False(ChannelTokenValidator.Verdict(token, Activity(channelId: "webchat")).Accepted);
    }

    [Fact]
    public async Task A_key_endorsed_only_for_another_channel_signs_validly_but_is_not_accepted_for_teams()
    {
        var raw = StandIn.ChannelToken(StandIn.OtherChannelKey, s => s with { IssuedAt = Issued, Expires = Issued.AddHours(1) });

        var (token, _) = await Validator.ValidateAsync("Bearer " + raw, CancellationToken.None);

        Assert.NotNull(token);
        var verdict = ChannelTokenValidator.Verdict(token, Activity());
        Assert.False(verdict.Accepted);
        Assert.Contains("endorsed", verdict.Reason);
    }

    [Fact]
    public async Task A_key_the_channel_published_since_the_last_read_is_found_by_refreshing_on_its_unknown_kid()
    {
        var (first, _) = await Validator.ValidateAsync("Bearer " + Token(TimeSpan.FromHours(1)), CancellationToken.None);
        Assert.NotNull(first);

        StandIn.Publish(StandIn.UnlistedKey);
        // Within a minute of the last read an unknown kid is simply refused (forged kids must not hammer the channel).
        var rotated = StandIn.ChannelToken(StandIn.UnlistedKey, s => s with { IssuedAt = Issued, Expires = Issued.AddHours(1) });
        var (tooSoon, _) = await Validator.ValidateAsync("Bearer " + rotated, CancellationToken.None);
        _time.Advance(ChannelSigningKeys.MinRefreshInterval);
        var (token, reason) = await Validator.ValidateAsync("Bearer " + rotated, CancellationToken.None);

        Assert.Null(tooSoon);
        Assert.True(token is not null, reason);
        Assert.Equal(StandIn.UnlistedKey.Kid, token.KeyId);
        Assert.True(ChannelTokenValidator.Verdict(token, Activity()).Accepted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Basic abc")]
    [InlineData("Bearer ")]
    [InlineData("Bearer a.b")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0.")]
    public async Task Headers_that_carry_no_usable_token_are_refused(string header)
    {
        var (token, reason) = await Validator.ValidateAsync(header, CancellationToken.None);

        Assert.Null(token);
        Assert.NotEmpty(reason);
    }
}
