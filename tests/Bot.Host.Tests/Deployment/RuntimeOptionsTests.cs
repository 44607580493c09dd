using System.Text.Json;
using Bot.Host.Startup;

namespace Bot.Host.Tests.Deployment;

/// <summary>
/// The runtime options the bot ships with (<c>Bot.Host.runtimeconfig.json</c>, from <c>Bot.Host.csproj</c>): one small
/// heap collected on the allocating thread, generation 0 kept small, few native arenas (README, "Memory").
/// </summary>
public sealed class RuntimeOptionsTests
{
    private static JsonElement ConfigProperties()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Bot.Host.runtimeconfig.json"));
        return JsonDocument.Parse(file).RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void The_bot_runs_a_workstation_collector_whose_generation_0_stays_small()
    {
        var options = ConfigProperties();

        Assert.False(options.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(options.GetProperty("System.GC.Concurrent").GetBoolean());
        // Without it a blocking workstation collector lets generation 0 grow to 128 MB before it collects.
        Assert.InRange(options.GetProperty("System.GC.Gen0MaxBudget").GetInt64(), 1L << 20, 8L << 20);
    }

    [Fact]
    public void On_Linux_the_native_heap_is_limited_to_few_arenas_unless_the_admin_chose_a_number()
    {
        // glibc is this project's Linux; elsewhere, or with MALLOC_ARENA_MAX given, the bot leaves the allocator alone.
        var expected = OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null;

        Assert.Equal(expected, NativeHeap.LimitArenas());
    }
}
