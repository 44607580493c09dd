using Bot.Core.Channels;
using Bot.Core.Storage;
using Bot.Host.Tests.Calls;
using Bot.Host.Tests.Support;
using Bot.StandIns.Slack;
using Bot.Storage.LiteDb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static Bot.Host.Tests.Slack.SlackHarness;

namespace Bot.Host.Tests.Slack;

/// <summary>When the bot itself is slow (storage stalls), Slack still gets an answer in time and the real one follows.</summary>
public sealed class SlackLateAnswerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-22T08:00:00Z"));
    private Task _storageGate = Task.CompletedTask;
    private SlackStandIn _slack = null!;
    private Bot.StandIns.IsdpStandIn _isdp = null!;
    private BotTestHost _bot = null!;

    public async Task InitializeAsync()
    {
        _slack = await SlackStandIn.StartAsync(new SlackStandInSettings { Time = _time });
        _isdp = await Bot.StandIns.IsdpStandIn.StartAsync(new Bot.StandIns.IsdpStandInSettings { Time = _time });
        var settings = CallFlowTests.IsdpSettings(_isdp);
        settings["Slack:SigningSecret"] = _slack.Settings.SigningSecret;
        settings["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl;
        _bot = await BotTestHost.StartAsync(settings, b =>
        {
            b.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(_time));
            b.Services.Replace(ServiceDescriptor.Singleton<IChannelStore>(sp => new StalledChannels(sp.GetRequiredService<LiteDbChannelStore>(), () => _storageGate)));
        });
        await _bot.AddDeviceAsync("aqm0523", "aqm0523--1", Jid, "泵房", "slack:C0OPS");
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _slack.DisposeAsync();
        await _isdp.DisposeAsync();
    }

    [Fact]
    public async Task A_slow_answer_is_a_working_note_in_time_then_replaced_by_the_card()
    {
        var stall = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _storageGate = stall.Task;
        var responseUrl = _slack.NewResponseUrl();
        var sending = _slack.SendSignedAsync(new Uri(_bot.BaseAddress, "/slack/commands"), "application/x-www-form-urlencoded",
            _slack.CommandForm(Zhang, "/call", "aqm0523", responseUrl));

        // Slack's clock runs; the bot answers before its deadline without the stalled work.
        for (var i = 0; i < 400 && !sending.IsCompleted; i++)
        {
            await Task.Delay(5);
            _time.Advance(TimeSpan.FromMilliseconds(50));
        }
        using var response = await sending.WaitAsync(TimeSpan.FromSeconds(10));
        var answer = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ephemeral", answer.GetProperty("response_type").GetString());
        Assert.Equal("正在处理…", answer.GetProperty("text").GetString());
        Assert.Empty(_slack.ResponsesTo(responseUrl));

        stall.SetResult();
        var late = Assert.Single(await _slack.WaitForResponsesAsync(responseUrl, 1, Wait)).Body;
        Assert.True(late.GetProperty("replace_original").GetBoolean());
        Assert.Contains("泵房 (aqm0523)", Header(late));
        Assert.NotNull(Button(late, "call.confirm").GetProperty("value").GetString());
    }

    /// <summary>Channel storage that waits for the gate before each upsert (a request from a channel whose record changed, here its name, starts with one).</summary>
    private sealed class StalledChannels(LiteDbChannelStore inner, Func<Task> gate) : IChannelStore
    {
        public Task<Channel?> FindAsync(string channelKey, CancellationToken cancellationToken = default) => inner.FindAsync(channelKey, cancellationToken);
        public Task<IReadOnlyList<Channel>> AllAsync(CancellationToken cancellationToken = default) => inner.AllAsync(cancellationToken);
        public async Task<Channel> UpsertAsync(Channel channel, CancellationToken cancellationToken = default)
        {
            await gate();
            return await inner.UpsertAsync(channel, cancellationToken);
        }
        public Task<bool> RemoveAsync(string channelKey, CancellationToken cancellationToken = default) => inner.RemoveAsync(channelKey, cancellationToken);
        public Task<bool> ClearReferenceAsync(string channelKey, CancellationToken cancellationToken = default) => inner.ClearReferenceAsync(channelKey, cancellationToken);
    }
}
