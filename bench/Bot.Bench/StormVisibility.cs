using System.Globalization;
using System.Text.RegularExpressions;

namespace Bot.Bench;

/// <summary>
/// When each alarm of the storm scenario became visible, replayed from what the stand-ins took once the run is over (so it is
/// known which alarms got cards of their own). A storm card counts its device's first <c>Threshold</c> alarms and then the ones
/// that joined it; a backlog summary counts per device the alarms folded into it. Neither says which alarms: a rise in a count
/// is given to the device's oldest alarms that arrived by then, are not visible yet and never got a card of their own (folding
/// goes in the order the alarms came).
/// </summary>
public sealed partial class StormVisibility(DateTimeOffset[] arrived, List<int>[] byDevice, int stormThreshold)
{
    public DateTimeOffset?[] Visible { get; } = new DateTimeOffset?[arrived.Length];
    public Seen[] Kinds { get; } = new Seen[arrived.Length];

    public void Replay(IReadOnlyList<(DateTimeOffset At, string Text)> calls)
    {
        var own = calls.Select(c => AlarmNumber().Match(c.Text)).Where(m => m.Success).Select(m => Number(m.Groups[1].Value)).ToHashSet();
        var summaryCounted = new Dictionary<int, int>();
        var stormJoined = new Dictionary<int, int>();
        foreach (var (at, text) in calls.OrderBy(c => c.At))
        {
            if (AlarmNumber().Match(text) is { Success: true } card)
            {
                Show(Number(card.Groups[1].Value), at, Seen.Own);
                continue;
            }
            if (BacklogCount().IsMatch(text))
            {
                foreach (Match part in DeviceCount().Matches(text))
                {
                    var device = Device(part.Groups[1].Value);
                    var count = Number(part.Groups[2].Value);
                    var rise = count - summaryCounted.GetValueOrDefault(device);
                    if (rise <= 0) continue;
                    summaryCounted[device] = count;
                    ShowOldest(device, rise, at, own, Seen.Summary);
                }
                continue;
            }
            if (StormCount().Match(text) is { Success: true } storm)
            {
                var device = Device(storm.Groups[1].Value);
                var count = Number(storm.Groups[2].Value);
                foreach (var m in byDevice[device].Take(Math.Min(count, stormThreshold))) Show(m, at, Seen.Storm);
                var joined = Math.Max(0, count - stormThreshold);
                var rise = joined - stormJoined.GetValueOrDefault(device);
                if (rise <= 0) continue;
                stormJoined[device] = joined;
                ShowOldest(device, rise, at, own, Seen.Storm);
            }
        }
    }

    private void ShowOldest(int device, int rise, DateTimeOffset at, HashSet<int> own, Seen kind)
    {
        foreach (var m in byDevice[device].Where(m => arrived[m] <= at && Visible[m] is null && !own.Contains(m)).Take(rise).ToList()) Show(m, at, kind);
    }

    private void Show(int m, DateTimeOffset at, Seen kind)
    {
        if (Visible[m] is not null) return;
        Visible[m] = at;
        Kinds[m] = kind;
    }

    /// <summary>Whether a post or edit is a card of the scenario (an alarm's own, a storm card or a summary).</summary>
    public static bool IsCard(string text) => AlarmNumber().IsMatch(text) || StormCount().IsMatch(text) || BacklogCount().IsMatch(text);

    /// <summary>Whether a post is a storm card or backlog summary.</summary>
    public static bool IsFolded(string text) => !AlarmNumber().IsMatch(text) && (StormCount().IsMatch(text) || BacklogCount().IsMatch(text));

    private static int Number(string digits) => int.Parse(digits, CultureInfo.InvariantCulture);

    private static int Device(string id) => Number(id[1..]);

    [GeneratedRegex(@"bench alarm (\d+) of device")]
    private static partial Regex AlarmNumber();

    [GeneratedRegex(@"\b(d\d{5}): (\d+) alarms in")]
    private static partial Regex StormCount();

    [GeneratedRegex(@"Backlog: (\d+) alarms")]
    private static partial Regex BacklogCount();

    /// <summary>"d00012 ×3" in a summary's by-device line (× may be escaped in the JSON).</summary>
    [GeneratedRegex(@"\b(d\d{5}) (?:×|\\u00[dD]7)(\d+)")]
    private static partial Regex DeviceCount();
}
