using Bot.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Storage;

/// <summary>The daily retention sweep on the fake clock, and its setting.</summary>
public sealed class RetentionSweeperTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-22T08:00:00Z");
    private readonly FakeTimeProvider _time = new(Start);
    private readonly RecordingSweep _sweep = new();

    private RetentionSweeper Sweeper(int days = 90) =>
        new(_sweep, Options.Create(new RetentionOptions { RetentionDays = days }), _time, NullLogger<RetentionSweeper>.Instance);

    [Fact]
    public async Task It_sweeps_at_start_and_then_once_a_day_with_the_retention_behind_the_clock()
    {
        using var sweeper = Sweeper();
        await sweeper.StartAsync(CancellationToken.None);

        Assert.Equal(Start - TimeSpan.FromDays(90), await _sweep.NextAsync());
        _time.Advance(TimeSpan.FromHours(12));
        _time.Advance(TimeSpan.FromHours(12));
        // Had it swept at 12 hours, this cutoff would be half a day earlier.
        Assert.Equal(Start + TimeSpan.FromDays(1) - TimeSpan.FromDays(90), await _sweep.NextAsync());
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(Start + TimeSpan.FromDays(2) - TimeSpan.FromDays(90), await _sweep.NextAsync());

        await sweeper.StopAsync(CancellationToken.None);
        Assert.False(_sweep.AnyWaiting);
    }

    [Fact]
    public async Task A_failed_sweep_is_tried_again_the_next_day_with_the_configured_retention()
    {
        _sweep.FailNext = true;
        using var sweeper = Sweeper(days: 7);
        await sweeper.StartAsync(CancellationToken.None);

        Assert.Equal(Start - TimeSpan.FromDays(7), await _sweep.NextAsync());
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(Start + TimeSpan.FromDays(1) - TimeSpan.FromDays(7), await _sweep.NextAsync());

        await sweeper.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("1", true)]
    [InlineData("3650", true)]
    [InlineData("0", false)]
    [InlineData("-5", false)]
    [InlineData("36501", false)]
    public void The_retention_is_checked_at_start_up(string? days, bool valid)
    {
        var settings = new Dictionary<string, string?>();
        if (days is not null) settings["Storage:RetentionDays"] = days;
        var services = new ServiceCollection()
            .AddSingleton<IStorageSweep>(_sweep)
            .AddSingleton<TimeProvider>(_time)
            .AddLogging()
            .AddStorageRetention(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();

        var check = () => provider.GetRequiredService<IStartupValidator>().Validate();
        if (valid)
        {
            check();
            Assert.Equal(days is null ? 90 : int.Parse(days, System.Globalization.CultureInfo.InvariantCulture),
                provider.GetRequiredService<IOptions<RetentionOptions>>().Value.RetentionDays);
        }
        else
        {
            var error = Assert.Throws<OptionsValidationException>(check);
            Assert.Contains("Storage:RetentionDays", error.Message, StringComparison.Ordinal);
        }
    }
}
