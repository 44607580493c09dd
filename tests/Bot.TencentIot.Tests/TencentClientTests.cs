using Bot.StandIns.Tencent;
using Bot.TencentIot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.TencentIot.Tests;

/// <summary>The real client against the Tencent stand-in on a local port.</summary>
public sealed class TencentClientTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-22T08:00:00Z"));
    private TencentStandIn _tencent = null!;
    private ServiceProvider? _services;
    private readonly CapturedLogs _logs = new();

    public async Task InitializeAsync() =>
        _tencent = await TencentStandIn.StartAsync(new TencentStandInSettings { Time = _time, TokenLifetime = TimeSpan.FromHours(2) });

    public async Task DisposeAsync()
    {
        if (_services is not null) await _services.DisposeAsync();
        await _tencent.DisposeAsync();
    }

    private TencentClient Client(string loginType = "phone", Action<Dictionary<string, string?>>? change = null)
    {
        var settings = new Dictionary<string, string?>(_tencent.BotSettings(loginType)) { ["Tencent:RequestTimeout"] = "00:00:05" };
        change?.Invoke(settings);
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs)).AddSingleton<TimeProvider>(_time);
        services.AddTencentClient(config);
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<TencentClient>();
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("email")]
    public async Task Signs_in_once_and_reads_messages_with_the_token(string loginType)
    {
        _tencent.AddSeedExamples();
        var client = Client(loginType);

        var devices = await client.ReadAsync(TencentCategory.Device, null, 100, default);
        var families = await client.ReadAsync(TencentCategory.Family, null, 100, default);

        Assert.Equal("65167410520395776", Assert.Single(devices.Messages).MsgId);
        Assert.Equal(["65167395785805824", "65167386239569920"], families.Messages.Select(m => m.MsgId));   // newest first
        Assert.True(families.ListOver);
        Assert.Equal(1, _tencent.SignIns);
        Assert.Equal(1, _tencent.TokensIssued);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_the_signature_check()
    {
        var client = Client(change: s => s["Tencent:AppSecret"] = "not-the-secret");
        var e = await Assert.ThrowsAsync<TencentException>(() => client.ReadAsync(1, null, 10, default));
        Assert.Equal(("AppGetToken", TencentFaultKind.Api, "InvalidParameterValue"), (e.Action, e.Kind, e.Code));
        Assert.Contains("Signature", e.Message);
        Assert.Equal(0, _tencent.TokensIssued);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_not_echoed()
    {
        var client = Client(change: s => s["Tencent:Password"] = "hunter2-wrong");
        var e = await Assert.ThrowsAsync<TencentException>(() => client.ReadAsync(1, null, 10, default));
        Assert.Equal(TencentFaultKind.Api, e.Kind);
        Assert.DoesNotContain("hunter2", e.Message);
    }

    [Fact]
    public async Task Signs_in_again_before_the_token_runs_out()
    {
        var client = Client();
        await client.ReadAsync(1, null, 10, default);
        _time.Advance(TimeSpan.FromMinutes(60));
        await client.ReadAsync(1, null, 10, default);
        Assert.Equal(1, _tencent.SignIns);

        _time.Advance(TimeSpan.FromMinutes(50));   // 10 minutes left of 2 hours: inside the renewal margin (10 %)
        await client.ReadAsync(1, null, 10, default);
        Assert.Equal(2, _tencent.SignIns);
    }

    [Fact]
    public async Task An_invalid_token_answer_signs_in_at_once_and_repeats_the_call()
    {
        _tencent.AddMessage(1, "Smoke", "detector 3");
        var client = Client();
        await client.ReadAsync(1, null, 10, default);

        _tencent.FailNext(new TencentFault.TokenExpired());
        var page = await client.ReadAsync(1, null, 10, default);

        Assert.Single(page.Messages);
        Assert.Equal(2, _tencent.SignIns);
        Assert.Equal(3, _tencent.Calls("AppGetMessages", 1));
    }

    [Fact]
    public async Task A_token_refused_twice_in_a_row_is_an_error_not_a_loop()
    {
        var client = Client();
        _tencent.FailNext(new TencentFault.TokenExpired(), new TencentFault.TokenExpired());
        var e = await Assert.ThrowsAsync<TencentException>(() => client.ReadAsync(1, null, 10, default));
        Assert.Equal(TencentWire.InvalidAccessToken, e.Code);
        Assert.Equal(2, _tencent.Calls("AppGetMessages", 1));
    }

    [Fact]
    public async Task Pages_back_with_MsgID_and_MsgTimestamp_until_Listover()
    {
        for (var i = 0; i < 250; i++) { _tencent.AddMessage(1, $"alarm {i}", "x"); _time.Advance(TimeSpan.FromSeconds(1)); }
        var client = Client();

        var seen = new List<TencentMessage>();
        TencentPosition? before = null;
        var pages = 0;
        while (true)
        {
            var page = await client.ReadAsync(1, before, 100, default);
            pages++;
            seen.AddRange(page.Messages);
            if (page.ListOver) break;
            before = page.Messages[^1].Position;
        }

        Assert.Equal(3, pages);
        Assert.Equal(250, seen.Select(m => m.MsgId).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 250).Reverse().Select(i => $"alarm {i}"), seen.Select(m => m.Title));
    }

    [Fact]
    public async Task Reads_the_app_client_envelope_with_Listover_as_a_string()
    {
        _tencent.Envelope = TencentEnvelope.AppClient;
        _tencent.ListoverAsString = true;
        _tencent.AddMessage(2, "Member added", "x", familyId: "1", familyName: "home");
        var client = Client();

        var page = await client.ReadAsync(2, null, 10, default);

        Assert.True(page.ListOver);
        Assert.Equal("home", Assert.Single(page.Messages).FamilyName);
        _tencent.ExpireTokens();
        Assert.Single((await client.ReadAsync(2, null, 10, default)).Messages);   // the error shape of this envelope is read too
        Assert.Equal(2, _tencent.SignIns);
    }

    [Fact]
    public async Task Faults_become_tencent_exceptions_of_their_kind()
    {
        await Client().ReadAsync(1, null, 10, default);   // warm both ends up, so only the slow fault can time out
        var client = Client(change: s => s["Tencent:RequestTimeout"] = "00:00:01");
        await client.ReadAsync(1, null, 10, default);

        _tencent.FailNext(new TencentFault.ServerError(503), new TencentFault.Malformed(), new TencentFault.InternalError(), new TencentFault.Slow(TimeSpan.FromSeconds(5)));
        Assert.Equal(TencentFaultKind.HttpStatus, (await Assert.ThrowsAsync<TencentException>(() => client.ReadAsync(1, null, 10, default))).Kind);
        Assert.Equal(TencentFaultKind.Malformed, (await Assert.ThrowsAsync<TencentException>(() => client.ReadAsync(1, null, 10, default))).Kind);
        var internalError = await Assert.ThrowsAsync<TencentException>(() => client.ReadAsync(1, null, 10, default));
        Assert.Equal((TencentFaultKind.Api, "InternalError"), (internalError.Kind, internalError.Code));
        Assert.Equal(TencentFaultKind.Transport, (await Assert.ThrowsAsync<TencentException>(() => client.ReadAsync(1, null, 10, default))).Kind);

        Assert.Empty((await client.ReadAsync(1, null, 10, default)).Messages);   // and then it works again
    }

    [Fact]
    public async Task Every_request_carries_its_own_request_id()
    {
        var client = Client();
        for (var i = 0; i < 3; i++) await client.ReadAsync(1, null, 10, default);
        var ids = _tencent.RequestIds;
        Assert.Equal(4, ids.Count);   // one sign-in, three reads
        Assert.Equal(4, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(Guid.TryParse(id, out _)));
    }

    [Fact]
    public async Task Logs_carry_request_ids_and_never_the_password_secret_or_token()
    {
        var client = Client();
        var token = await client.TokenAsync(default);
        await client.ReadAsync(1, null, 10, default);
        _tencent.FailNext(new TencentFault.TokenExpired());
        await client.ReadAsync(1, null, 10, default);
        _tencent.FailNext(new TencentFault.Malformed(), new TencentFault.ServerError());
        await Assert.ThrowsAsync<TencentException>(() => client.ReadAsync(1, null, 10, default));
        await Assert.ThrowsAsync<TencentException>(() => client.ReadAsync(1, null, 10, default));

        var text = string.Join("\n", _logs.Lines);
        foreach (var id in _tencent.RequestIds) Assert.Contains(id, text);
        Assert.DoesNotContain(_tencent.Settings.Password, text);
        Assert.DoesNotContain(_tencent.Settings.AppSecret, text);
        Assert.DoesNotContain(token, text);
        Assert.DoesNotContain(await client.TokenAsync(default), text);
    }

    [Fact]
    public void Options_name_what_is_missing()
    {
        var validator = new TencentOptionsValidator();
        var result = validator.Validate(null, new TencentOptions { AppKey = "k", LoginType = "fax", Categories = [4], PollInterval = TimeSpan.Zero, AppApiUrl = "ftp://x" });
        Assert.True(result.Failed);
        var text = string.Join("\n", result.Failures!);
        Assert.Contains("Tencent:AppSecret is required", text);
        Assert.Contains("Tencent:Password is required", text);
        Assert.Contains("Tencent:LoginType", text);
        Assert.Contains("Tencent:Categories", text);
        Assert.Contains("Tencent:PollInterval", text);
        Assert.Contains("Tencent:AppApiUrl", text);
        Assert.True(validator.Validate(null, new TencentOptions()).Succeeded);   // off: nothing required
        Assert.Equal(TencentCategory.All, new TencentOptions().PolledCategories);
    }
}
